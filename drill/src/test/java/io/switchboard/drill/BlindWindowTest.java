package io.switchboard.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.simulator.CallTruth;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which calls a PBX link outage hid from every AMI consumer: those that began and ended inside it. */
class BlindWindowTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void hidesOnlyCallsThatBeganAndEndedInsideTheWindow() {
        List<CallTruth> calls = IntervalFiguresTest.busyHour();
        Instant start = calls.get(0).arrivedAt();
        DrillReport.BlindWindow window = new DrillReport.BlindWindow(start.plusSeconds(600), start.plusSeconds(1200));

        List<CallTruth> hidden = calls.stream().filter(window::hides).toList();
        assertThat(hidden).isNotEmpty().allSatisfy(c -> {
            assertThat(c.arrivedAt()).isBetween(window.from(), window.to());
            assertThat(Instant.parse((String) c.get("endedAt"))).isBetween(window.from(), window.to());
        });
        assertThat(calls).filteredOn(c -> c.arrivedAt().isBefore(window.from())).noneMatch(window::hides);
        assertThat(calls).filteredOn(c -> Instant.parse((String) c.get("endedAt")).isAfter(window.to()))
                .as("a call still up when call-ingest logs in again is found by its resync").noneMatch(window::hides);
    }

    @Test
    void windowsComeFromTheFaultsThatBlindedCallIngestAndAnOpenOneLastsToTheEnd() {
        List<DrillReport.BlindWindow> windows = DrillReport.blindWindows(List.of(
                new DrillReport.AppliedFault("pbx-link-down 15:00 to 15:05", "w", "recovered after 10.2 s",
                        "2026-11-16T15:00:00.500", "2026-11-16T15:05:07.250"),
                new DrillReport.AppliedFault("restart kpi-service", "w", "recovered after 20 s"),
                new DrillReport.AppliedFault("restart call-ingest", "w", "did not come back", "2026-11-16T16:00", null)),
                LONDON);
        assertThat(windows).containsExactly(
                new DrillReport.BlindWindow(Instant.parse("2026-11-16T15:00:00.500Z"),
                        Instant.parse("2026-11-16T15:05:07.250Z")),
                new DrillReport.BlindWindow(Instant.parse("2026-11-16T16:00:00Z"), Instant.MAX));
    }
}
