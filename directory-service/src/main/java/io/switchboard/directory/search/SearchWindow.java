package io.switchboard.directory.search;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Set;

/**
 * The time frame of one search, computed once and shared by every service examined: from the search time to the
 * end of the disposition's window, the local dates it touches (from the day before, for sessions that run past
 * midnight) with their kind of day, and the conversion of "date + minute of day" to real time (DST included).
 */
public final class SearchWindow {

    /** A service must stay open at least this long after the caller could get there. */
    public static final long MIN_OPEN_SECONDS = 30 * 60;
    /** Windows longer than this are cut (own-GP dispositions run to days; opening times repeat weekly). */
    public static final Duration MAX_WINDOW = Duration.ofDays(8);

    private final Instant at;
    private final long nowSec;
    private final long endSec;
    private final LocalDate firstDate;
    private final int[] dayTypes;
    private final long[] midnightSec;
    private final boolean[] transition;
    private final ZoneId zone;

    private SearchWindow(Instant at, Instant end, ZoneId zone, Set<LocalDate> bankHolidays) {
        this.at = at;
        this.zone = zone;
        this.nowSec = at.getEpochSecond();
        this.endSec = end.getEpochSecond();
        this.firstDate = LocalDate.ofInstant(at, zone).minusDays(1);
        LocalDate lastDate = LocalDate.ofInstant(end, zone);
        int days = (int) (lastDate.toEpochDay() - firstDate.toEpochDay()) + 1;
        this.dayTypes = new int[days];
        this.midnightSec = new long[days + 2];
        this.transition = new boolean[days + 2];
        ZoneRules rules = zone.getRules();
        for (int i = 0; i < days + 2; i++) {
            LocalDate date = firstDate.plusDays(i);
            if (i < days) {
                dayTypes[i] = bankHolidays.contains(date) ? 8 : date.getDayOfWeek().getValue();
            }
            ZoneOffset start = rules.getOffset(date.atStartOfDay());
            ZoneOffset next = rules.getOffset(date.plusDays(1).atStartOfDay());
            transition[i] = !start.equals(next);
            midnightSec[i] = date.atStartOfDay(zone).toEpochSecond();
        }
    }

    /**
     * The window of a disposition per the directory of services: open by now + 60 min for immediate dispositions
     * (30 minutes or less), by now + the timeframe for 31-60 minutes, by now + (timeframe - 60 min) for longer ones.
     */
    public static Duration windowOf(int timeframeMinutes) {
        long minutes;
        if (timeframeMinutes <= 30) {
            minutes = 60;
        } else if (timeframeMinutes <= 60) {
            minutes = timeframeMinutes;
        } else {
            minutes = timeframeMinutes - 60L;
        }
        Duration window = Duration.ofMinutes(minutes);
        return window.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : window;
    }

    public static SearchWindow of(Instant at, int timeframeMinutes, ZoneId zone, Set<LocalDate> bankHolidays) {
        return new SearchWindow(at, at.plus(windowOf(timeframeMinutes)), zone, bankHolidays);
    }

    public Instant at() {
        return at;
    }

    public Instant end() {
        return Instant.ofEpochSecond(endSec);
    }

    public long nowSec() {
        return nowSec;
    }

    public long endSec() {
        return endSec;
    }

    public int days() {
        return dayTypes.length;
    }

    public LocalDate date(int index) {
        return firstDate.plusDays(index);
    }

    public LocalDate firstDate() {
        return firstDate;
    }

    public LocalDate lastDate() {
        return firstDate.plusDays(dayTypes.length - 1L);
    }

    /** 1..7 (ISO weekday) or 8 (bank holiday). */
    public int dayType(int index) {
        return dayTypes[index];
    }

    /** Real time (epoch seconds) of a minute of a local date; minutes past 1440 fall on the following date. */
    public long epochSecond(int dateIndex, int minuteOfDay) {
        int index = dateIndex + minuteOfDay / 1440;
        int minute = minuteOfDay % 1440;
        if (!transition[index]) {
            return midnightSec[index] + minute * 60L;
        }
        LocalDateTime local = firstDate.plusDays(index).atStartOfDay().plusMinutes(minute);
        return local.atZone(zone).toEpochSecond();
    }
}
