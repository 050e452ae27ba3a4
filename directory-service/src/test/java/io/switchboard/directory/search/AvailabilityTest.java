package io.switchboard.directory.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.model.WeeklyHours;
import io.switchboard.directory.search.Availability.Kind;
import io.switchboard.directory.support.Svc;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Opening-time rules: the disposition window, closing within 30 minutes, overnight sessions, holidays, DST. */
class AvailabilityTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28));
    // November: London time is UTC. 2026-11-23 is a Monday.
    private static final WeeklyHours GP = Svc.of("gp", "gp-practice").weekdays("08:00", "18:30").build().hours();

    private static Availability at(WeeklyHours hours, String instant, int timeframeMinutes) {
        return Availability.of(hours, SearchWindow.of(Instant.parse(instant), timeframeMinutes, LONDON, HOLIDAYS));
    }

    @Test
    void theWindowFollowsTheDispositionTimeframe() {
        assertThat(SearchWindow.windowOf(0)).as("immediate: now + 60 min").isEqualTo(Duration.ofMinutes(60));
        assertThat(SearchWindow.windowOf(30)).as("30 min is still immediate").isEqualTo(Duration.ofMinutes(60));
        assertThat(SearchWindow.windowOf(45)).as("31-60 min: now + timeframe").isEqualTo(Duration.ofMinutes(45));
        assertThat(SearchWindow.windowOf(60)).isEqualTo(Duration.ofMinutes(60));
        assertThat(SearchWindow.windowOf(120)).as("longer: timeframe - 60 min").isEqualTo(Duration.ofMinutes(60));
        assertThat(SearchWindow.windowOf(360)).isEqualTo(Duration.ofHours(5));
        assertThat(SearchWindow.windowOf(1440)).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void openNowAndForMoreThanThirtyMinutesIsAvailableUntilClosing() {
        Availability a = at(GP, "2026-11-23T10:00:00Z", 120);
        assertThat(a.kind()).isEqualTo(Kind.AVAILABLE);
        assertThat(a.from()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(a.until()).isEqualTo(Instant.parse("2026-11-23T18:30:00Z"));
    }

    @Test
    void closingWithinThirtyMinutesIsNotAvailable() {
        assertThat(at(GP, "2026-11-23T18:10:00Z", 120).kind()).isEqualTo(Kind.CLOSES_WITHIN_30_MINUTES);
        assertThat(at(GP, "2026-11-23T18:00:00Z", 120).kind()).as("exactly 30 minutes left").isEqualTo(Kind.AVAILABLE);
        assertThat(at(GP, "2026-11-23T18:01:00Z", 120).kind()).isEqualTo(Kind.CLOSES_WITHIN_30_MINUTES);
    }

    @Test
    void opensWithinTheWindowCountsButNotAfterIt() {
        Availability opensAt8 = at(GP, "2026-11-23T07:00:00Z", 120);
        assertThat(opensAt8.kind()).isEqualTo(Kind.AVAILABLE);
        assertThat(opensAt8.from()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(at(GP, "2026-11-23T06:59:00Z", 120).kind()).isEqualTo(Kind.NOT_OPEN_IN_WINDOW);
        assertThat(at(GP, "2026-11-23T05:00:00Z", 360).kind()).as("6 h disposition: window to 10:00")
                .isEqualTo(Kind.AVAILABLE);
        assertThat(at(GP, "2026-11-23T05:00:00Z", 45).kind()).as("45 min disposition: window to 05:45")
                .isEqualTo(Kind.NOT_OPEN_IN_WINDOW);
        assertThat(at(GP, "2026-11-28T10:00:00Z", 120).kind()).as("Saturday").isEqualTo(Kind.NOT_OPEN_IN_WINDOW);
        assertThat(at(GP, "2026-11-27T19:00:00Z", 1440).kind()).as("Friday evening, 23 h window: the weekend")
                .isEqualTo(Kind.NOT_OPEN_IN_WINDOW);
    }

    @Test
    void overnightSessionsRunIntoTheNextDayAndTouchingSessionsMerge() {
        WeeklyHours ooh = Svc.of("ooh", "gp-out-of-hours").weekdays("18:30", "08:00").build().hours();
        Availability night = at(ooh, "2026-11-24T03:00:00Z", 120);
        assertThat(night.kind()).as("Monday's session, Tuesday 03:00").isEqualTo(Kind.AVAILABLE);
        assertThat(night.until()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(at(ooh, "2026-11-24T07:45:00Z", 120).kind()).isEqualTo(Kind.CLOSES_WITHIN_30_MINUTES);

        WeeklyHours allDay = Svc.of("ed", "emergency-department").everyDay("00:00", "24:00").build().hours();
        Availability lateNight = at(allDay, "2026-11-23T23:50:00Z", 0);
        assertThat(lateNight.kind()).as("a 24-hour service does not 'close' at midnight").isEqualTo(Kind.AVAILABLE);
        assertThat(lateNight.until()).isAfter(Instant.parse("2026-11-24T23:00:00Z"));
    }

    @Test
    void aBankHolidayUsesTheBankHolidaySessionsOnly() {
        assertThat(at(GP, "2026-12-28T10:00:00Z", 120).kind()).as("Monday, but the Boxing Day substitute")
                .isEqualTo(Kind.NOT_OPEN_IN_WINDOW);
        WeeklyHours withHoliday = Svc.of("ph", "pharmacy").weekdays("09:00", "18:00").session(8, "10:00", "14:00")
                .build().hours();
        Availability holiday = at(withHoliday, "2026-12-28T09:30:00Z", 120);
        assertThat(holiday.kind()).isEqualTo(Kind.AVAILABLE);
        assertThat(holiday.from()).isEqualTo(Instant.parse("2026-12-28T10:00:00Z"));
        assertThat(holiday.until()).isEqualTo(Instant.parse("2026-12-28T14:00:00Z"));
        assertThat(at(withHoliday, "2026-12-29T09:30:00Z", 120).kind()).as("the Tuesday after is a weekday")
                .isEqualTo(Kind.AVAILABLE);
    }

    @Test
    void specifiedDatesReplaceTheWeek() {
        WeeklyHours closed = Svc.of("gp2", "gp-practice").weekdays("08:00", "18:30")
                .closedOn(LocalDate.of(2026, 11, 23)).build().hours();
        assertThat(at(closed, "2026-11-23T10:00:00Z", 120).kind()).isEqualTo(Kind.NOT_OPEN_IN_WINDOW);
        assertThat(at(closed, "2026-11-24T10:00:00Z", 120).kind()).isEqualTo(Kind.AVAILABLE);

        WeeklyHours shortDay = Svc.of("gp3", "gp-practice").weekdays("08:00", "18:30")
                .specified(LocalDate.of(2026, 12, 24), "08:00", "13:00").build().hours();
        Availability eve = at(shortDay, "2026-12-24T12:00:00Z", 120);
        assertThat(eve.kind()).isEqualTo(Kind.AVAILABLE);
        assertThat(eve.until()).isEqualTo(Instant.parse("2026-12-24T13:00:00Z"));
        assertThat(at(shortDay, "2026-12-24T12:45:00Z", 120).kind()).isEqualTo(Kind.CLOSES_WITHIN_30_MINUTES);
    }

    @Test
    void localTimesFollowSummerTime() {
        WeeklyHours sunday = Svc.of("s", "pharmacy").session(7, "09:00", "17:00").build().hours();
        // 29 March 2026: clocks go forward at 01:00 UTC; 09:00 local is 08:00 UTC.
        Availability a = at(sunday, "2026-03-29T07:30:00Z", 120);
        assertThat(a.kind()).isEqualTo(Kind.AVAILABLE);
        assertThat(a.from()).isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
        assertThat(a.until()).isEqualTo(Instant.parse("2026-03-29T16:00:00Z"));
        assertThat(at(sunday, "2026-03-29T06:59:00Z", 120).kind()).isEqualTo(Kind.NOT_OPEN_IN_WINDOW);
    }
}
