package io.switchboard.kpi.model;

import io.switchboard.events.KpiWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Where fixed intervals start and end. Days follow the UK's civil day (Europe/London, so a day is 23 or 25 hours at
 * the clock changes), as NHS figures are reported; 15-minute and hourly intervals are aligned to the UTC clock.
 */
public final class Intervals {

    public static final ZoneId REPORTING_ZONE = ZoneId.of("Europe/London");
    public static final long MINUTE = 60_000L;

    private Intervals() {
    }

    public static long minuteStart(long millis) {
        return Math.floorDiv(millis, MINUTE) * MINUTE;
    }

    public static long start(KpiWindow window, long millis) {
        return switch (window) {
            case ROLLING_15M -> minuteStart(millis) - 14 * MINUTE;
            case FIXED_15M -> Math.floorDiv(millis, 15 * MINUTE) * 15 * MINUTE;
            case HOURLY -> Math.floorDiv(millis, 60 * MINUTE) * 60 * MINUTE;
            case DAILY -> ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), REPORTING_ZONE)
                    .truncatedTo(ChronoUnit.DAYS).toInstant().toEpochMilli();
        };
    }

    public static long end(KpiWindow window, long start) {
        return switch (window) {
            case ROLLING_15M, FIXED_15M -> start + 15 * MINUTE;
            case HOURLY -> start + 60 * MINUTE;
            case DAILY -> ZonedDateTime.ofInstant(Instant.ofEpochMilli(start), REPORTING_ZONE).plusDays(1)
                    .toInstant().toEpochMilli();
        };
    }

    /** The 15-minute interval an event belongs to has closed for good once its end plus the grace has passed. */
    public static boolean isLate(long eventMillis, long streamTimeMillis, Duration grace) {
        return end(KpiWindow.FIXED_15M, start(KpiWindow.FIXED_15M, eventMillis)) + grace.toMillis() <= streamTimeMillis;
    }
}
