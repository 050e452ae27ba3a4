package io.switchboard.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expected calls per hour for every hour of the week (Monday 00:00 is hour 0, Sunday 23:00 hour 167), plus bank
 * holidays (a bank holiday is run as a Sunday, times {@link #bankHolidayMultiplier()}) and surges (any window of
 * local time with a volume multiplier, e.g. an Easter Saturday). Calls arrive as a Poisson process whose rate is
 * constant within each hour (and within each surge window).
 *
 * <p>The default ({@link #nhs111Default()}) takes its daily volumes from docs/reference/kpis.md: a North West provider
 * in 2013 took about 1,600 calls on a weekday and 2,600 on a weekend day. The shapes within the day are this model's
 * assumption, not published data: weekday calls low overnight, rising in the morning and peaking in the early evening
 * when GP practices close; weekend calls peaking in the morning (the "Saturday peak") and staying high all day.
 */
public final class ArrivalProfile {

    /** Weekday shape, relative weights per hour 00..23 (normalised to the daily total). */
    static final double[] WEEKDAY_SHAPE = {2.2, 1.6, 1.2, 1.0, 0.9, 1.0, 1.5, 2.8, 4.8, 5.0, 4.8, 4.5, 4.3, 4.2, 4.1,
        4.2, 4.6, 6.0, 8.0, 7.6, 6.6, 5.6, 4.5, 3.2};
    /** Weekend and bank-holiday shape: the morning peak. */
    static final double[] WEEKEND_SHAPE = {2.2, 1.7, 1.3, 1.1, 1.0, 1.1, 1.7, 3.4, 6.4, 7.6, 7.6, 7.0, 6.2, 5.6, 5.2,
        5.0, 5.0, 5.0, 5.0, 4.7, 4.3, 3.9, 3.3, 2.6};

    /** Calls per weekday, weekend day (docs/reference/kpis.md: North West provider, 2013). */
    public static final double DEFAULT_WEEKDAY_CALLS = 1600;
    public static final double DEFAULT_WEEKEND_DAY_CALLS = 2600;

    /** A window of local time whose volume is multiplied, e.g. a surge or an Easter Saturday. */
    public record Surge(LocalDateTime from, LocalDateTime to, double factor) {
        public Surge {
            if (!to.isAfter(from) || !(factor >= 0)) {
                throw new IllegalArgumentException("a surge needs from < to and a factor >= 0: " + from + " " + to);
            }
        }

        boolean covers(LocalDateTime time) {
            return !time.isBefore(from) && time.isBefore(to);
        }
    }

    private final double[] hourly;
    private final Set<LocalDate> bankHolidays;
    private final double bankHolidayMultiplier;
    private final List<Surge> surges;

    private ArrivalProfile(double[] hourly, Set<LocalDate> bankHolidays, double bankHolidayMultiplier,
            List<Surge> surges) {
        if (hourly.length != 168) {
            throw new IllegalArgumentException("an hour-of-week profile has 168 values, not " + hourly.length);
        }
        for (double rate : hourly) {
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("calls per hour must be zero or more: " + rate);
            }
        }
        this.hourly = hourly.clone();
        this.bankHolidays = Set.copyOf(new TreeSet<>(bankHolidays));
        this.bankHolidayMultiplier = bankHolidayMultiplier;
        this.surges = List.copyOf(surges);
    }

    /** Weekday 1,600 calls, Saturday and Sunday 2,600 each, with the default shapes. */
    public static ArrivalProfile nhs111Default() {
        return daily(DEFAULT_WEEKDAY_CALLS, DEFAULT_WEEKEND_DAY_CALLS, DEFAULT_WEEKEND_DAY_CALLS);
    }

    /** Daily totals spread over the default shapes. */
    public static ArrivalProfile daily(double weekday, double saturday, double sunday) {
        double[] rates = new double[168];
        for (int day = 0; day < 7; day++) {
            double total = day < 5 ? weekday : day == 5 ? saturday : sunday;
            double[] shape = day < 5 ? WEEKDAY_SHAPE : WEEKEND_SHAPE;
            double sum = Arrays.stream(shape).sum();
            for (int hour = 0; hour < 24; hour++) {
                rates[day * 24 + hour] = total * shape[hour] / sum;
            }
        }
        return new ArrivalProfile(rates, Set.of(), 1.0, List.of());
    }

    /** The same rate every hour. */
    public static ArrivalProfile flat(double callsPerHour) {
        double[] rates = new double[168];
        Arrays.fill(rates, callsPerHour);
        return new ArrivalProfile(rates, Set.of(), 1.0, List.of());
    }

    /** Any 168 hourly rates (calls per hour), Monday 00:00 first. */
    public static ArrivalProfile hourOfWeek(double[] callsPerHour) {
        return new ArrivalProfile(callsPerHour, Set.of(), 1.0, List.of());
    }

    /** Every rate times {@code factor}. */
    public ArrivalProfile scaled(double factor) {
        double[] rates = hourly.clone();
        for (int i = 0; i < rates.length; i++) {
            rates[i] *= factor;
        }
        return new ArrivalProfile(rates, bankHolidays, bankHolidayMultiplier, surges);
    }

    /** These dates run as Sundays times {@code multiplier}. */
    public ArrivalProfile withBankHolidays(Set<LocalDate> dates, double multiplier) {
        if (!(multiplier >= 0)) {
            throw new IllegalArgumentException("bank-holiday multiplier must be >= 0: " + multiplier);
        }
        return new ArrivalProfile(hourly, dates, multiplier, surges);
    }

    /** Adds a surge window. */
    public ArrivalProfile withSurge(Surge surge) {
        List<Surge> all = new ArrayList<>(surges);
        all.add(surge);
        return new ArrivalProfile(hourly, bankHolidays, bankHolidayMultiplier, all);
    }

    /** Expected calls per hour at this local time. */
    public double rateAt(LocalDateTime time) {
        int hour = time.getHour();
        double rate;
        if (bankHolidays.contains(time.toLocalDate())) {
            rate = hourly[6 * 24 + hour] * bankHolidayMultiplier;
        } else {
            rate = hourly[index(time.getDayOfWeek(), hour)];
        }
        for (Surge surge : surges) {
            if (surge.covers(time)) {
                rate *= surge.factor();
            }
        }
        return rate;
    }

    /** The first local time after {@code time} where the rate may change (next hour or surge boundary). */
    LocalDateTime nextChange(LocalDateTime time) {
        LocalDateTime next = time.withMinute(0).withSecond(0).withNano(0).plusHours(1);
        for (Surge surge : surges) {
            for (LocalDateTime edge : List.of(surge.from(), surge.to())) {
                if (edge.isAfter(time) && edge.isBefore(next)) {
                    next = edge;
                }
            }
        }
        return next;
    }

    /** The rate of hour-of-week {@code index} (0 = Monday 00:00), bank holidays and surges aside. */
    public double hourOfWeekRate(int index) {
        return hourly[index];
    }

    /** The 168 hourly rates. */
    public double[] hourOfWeekRates() {
        return hourly.clone();
    }

    public Set<LocalDate> bankHolidays() {
        return bankHolidays;
    }

    public double bankHolidayMultiplier() {
        return bankHolidayMultiplier;
    }

    public List<Surge> surges() {
        return surges;
    }

    /** Expected calls in a whole week (without bank holidays or surges). */
    public double weeklyTotal() {
        return Arrays.stream(hourly).sum();
    }

    static int index(DayOfWeek day, int hour) {
        return (day.getValue() - 1) * 24 + hour;
    }
}
