package io.switchboard.directory.model;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

/**
 * When a service is open: sessions per weekday (1 Monday .. 7 Sunday), a bank-holiday day (8) and specified dates.
 * Each day holds pairs {opens, closes} in minutes after local midnight, sorted by opening; closes is after opens and
 * may pass 1440 (a session into the next morning). A specified date replaces that day's sessions; an empty array
 * closes it. On a bank holiday the bank-holiday sessions replace the weekday's: a service without any is closed.
 * Equal by content: services with the same hours share one instance in memory, so a search works out each
 * distinct timetable once.
 */
public final class WeeklyHours {

    public static final int BANK_HOLIDAY = 8;
    private static final int[] NONE = new int[0];

    private final int[][] byDay;
    private final Map<LocalDate, int[]> specifiedDates;
    private final int hash;

    public WeeklyHours(int[][] byDay, Map<LocalDate, int[]> specifiedDates) {
        if (byDay.length != 9) {
            throw new IllegalArgumentException("days 1..8 expected");
        }
        this.byDay = byDay;
        this.specifiedDates = Map.copyOf(specifiedDates);
        this.hash = contentHash();
    }

    /** The sessions of a date: a specified date, else the bank-holiday day, else the weekday. */
    public int[] sessions(LocalDate date, int dayType) {
        if (!specifiedDates.isEmpty()) {
            int[] specified = specifiedDates.get(date);
            if (specified != null) {
                return specified;
            }
        }
        int[] day = byDay[dayType];
        return day == null ? NONE : day;
    }

    public int[] day(int day) {
        return byDay[day] == null ? NONE : byDay[day];
    }

    public Map<LocalDate, int[]> specifiedDates() {
        return specifiedDates;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WeeklyHours other) || hash != other.hash || !Arrays.deepEquals(byDay, other.byDay)
                || specifiedDates.size() != other.specifiedDates.size()) {
            return false;
        }
        for (Map.Entry<LocalDate, int[]> e : specifiedDates.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.specifiedDates.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    private int contentHash() {
        int h = Arrays.deepHashCode(byDay);
        for (Map.Entry<LocalDate, int[]> e : specifiedDates.entrySet()) {
            h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }

    /** Normalises a stored session: a closing time not after the opening time is on the next day. */
    public static int closesAfter(int opensMin, int closesMin) {
        return closesMin <= opensMin ? closesMin + 1440 : closesMin;
    }

    /** Sorts pairs by opening time. */
    public static int[] sortedPairs(int[] pairs) {
        int n = pairs.length / 2;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((long) pairs[2 * i] << 32) | (pairs[2 * i + 1] & 0xffffffffL);
        }
        Arrays.sort(packed);
        int[] out = new int[pairs.length];
        for (int i = 0; i < n; i++) {
            out[2 * i] = (int) (packed[i] >>> 32);
            out[2 * i + 1] = (int) packed[i];
        }
        return out;
    }

    /** "08:00" for 480; "24:00" for 1440; minutes past 1440 wrap to the next day's clock time. */
    public static String clock(int minutes) {
        int m = minutes == 1440 ? 1440 : minutes % 1440;
        return String.format("%02d:%02d", m / 60, m % 60);
    }

    /** Parses "HH:MM" (00:00 .. 24:00) to minutes after midnight. */
    public static int parseClock(String text) {
        if (text == null || !text.trim().matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
            throw new IllegalArgumentException("time must be HH:MM, was '" + text + "'");
        }
        String[] parts = text.trim().split(":");
        int h = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        if (h > 24 || m > 59 || (h == 24 && m != 0)) {
            throw new IllegalArgumentException("time out of range: '" + text + "'");
        }
        return h * 60 + m;
    }
}
