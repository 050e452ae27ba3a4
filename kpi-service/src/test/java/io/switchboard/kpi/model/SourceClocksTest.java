package io.switchboard.kpi.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceClocksTest {

    static long t(String time) {
        return Instant.parse("2026-11-16T" + time + "Z").toEpochMilli();
    }

    @Test
    void aCallerOnALaggingPartitionIsNotTakenForALongWait() {
        SourceClocks clocks = new SourceClocks();
        WaitingCalls waiting = new WaitingCalls();
        long wall = 1_000_000;
        clocks.heard(0, t("09:06:30"), wall);        // partition 0 is six minutes ahead...
        clocks.heard(1, t("09:01:00"), wall);        // ...of partition 1, where B joined at 09:00:59
        waiting.since.put("B", t("09:00:59"));
        clocks.waitStarted("B", 1);
        assertThat(waiting.longestWaitSeconds(t("09:06:30"))).as("the aggregate's clock: the false wait")
                .isEqualTo(331.0);
        assertThat(clocks.longestWaitSeconds(waiting, t("09:06:30"), wall)).isEqualTo(1.0);
    }

    @Test
    void aQuietPartitionsCallersKeepWaitingByTheWallClock() {
        SourceClocks clocks = new SourceClocks();
        WaitingCalls waiting = new WaitingCalls();
        clocks.heard(1, t("09:01:00"), 0);
        waiting.since.put("B", t("09:00:00"));
        clocks.waitStarted("B", 1);
        assertThat(clocks.longestWaitSeconds(waiting, t("09:30:00"), 90_000)).isEqualTo(150.0);
        assertThat(clocks.longestWaitSeconds(waiting, t("09:01:10"), 90_000)).as("never beyond the aggregate's clock")
                .isEqualTo(70.0);
    }

    @Test
    void callsWithoutAKnownPartitionUseTheAggregatesClock() {
        SourceClocks clocks = new SourceClocks();
        WaitingCalls waiting = new WaitingCalls();
        waiting.since.put("A", t("09:00:00"));
        waiting.since.put("B", t("09:05:00"));
        clocks.heard(1, t("09:05:00"), 0);
        clocks.waitStarted("B", 1);
        clocks.waitEnded("B");
        assertThat(clocks.longestWaitSeconds(waiting, t("09:10:00"), 0)).isEqualTo(600.0);
        assertThat(clocks.longestWaitSeconds(new WaitingCalls(), t("09:10:00"), 0)).isNull();
    }

    @Test
    void anOlderRecordNeverMovesAPartitionsClockBack() {
        SourceClocks clocks = new SourceClocks();
        clocks.heard(0, t("09:05:00"), 0);
        clocks.heard(0, t("09:04:00"), 10);
        clocks.waitStarted("A", 0);
        assertThat(clocks.nowFor("A", t("09:10:00"), 10)).isEqualTo(t("09:05:00") + 10);
    }
}
