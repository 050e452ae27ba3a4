package io.switchboard.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.GroundTruth;
import io.switchboard.simulator.Simulation;
import io.switchboard.simulator.SimulationConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IntervalFiguresTest {

    /** An under-staffed hour with a queue timeout, so every outcome occurs. */
    static List<CallTruth> busyHour() {
        SimulationConfig config = SimulationConfig.fromProperties(props("""
                seed = 3
                hours = 1
                calls-per-hour = 200
                handlers = 18
                queue-timeout = 90
                patience = lognormal(120,100)
                """));
        try (Simulation simulation = Simulation.withoutAmi(config)) {
            simulation.runToEnd();
            return simulation.groundTruth().calls();
        }
    }

    static java.util.Properties props(String text) {
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    @Test
    void totalsAgreeWithTheGroundTruthOutcomes() {
        List<CallTruth> calls = busyHour();
        GroundTruth.Summary byOutcome = summary(calls);
        IntervalFigures total = IntervalFigures.fromTruth(calls).values().stream()
                .reduce(IntervalFigures.NONE, IntervalFigures::plus);
        assertThat(total.offered()).isEqualTo(calls.size());
        assertThat(total.answered()).isEqualTo(byOutcome.answered());
        assertThat(total.abandoned()).isEqualTo(byOutcome.count(CallTruth.Outcome.ABANDONED)).isPositive();
        assertThat(total.timedOut()).isEqualTo(byOutcome.count(CallTruth.Outcome.TIMED_OUT)).isPositive();
        assertThat(total.contingencyRouted()).isEqualTo(byOutcome.count(CallTruth.Outcome.TIMED_OUT)
                + byOutcome.count(CallTruth.Outcome.CONTINGENCY));
        long within60ByPbx = calls.stream().filter(c -> c.outcome() == CallTruth.Outcome.ANSWERED
                || c.outcome() == CallTruth.Outcome.TRANSFERRED).filter(c -> c.pbxHoldTime() <= 60).count();
        assertThat(total.answeredWithin60s()).as("the PBX's whole seconds, as kpi-service sees them")
                .isEqualTo(within60ByPbx);
        assertThat(total.abandonedAfter30s()).isEqualTo(calls.stream()
                .filter(c -> c.outcome() == CallTruth.Outcome.ABANDONED && c.pbxHoldTime() > 30).count());
    }

    @Test
    void eachStepCountsInTheIntervalOfItsOwnTime() {
        List<CallTruth> calls = busyHour();
        TreeMap<Instant, IntervalFigures> intervals = IntervalFigures.fromTruth(calls);
        for (Instant start : intervals.keySet()) {
            assertThat(start.toEpochMilli() % IntervalFigures.INTERVAL_MILLIS).isZero();
            long arrived = calls.stream().filter(c -> !c.arrivedAt().isBefore(start)
                    && c.arrivedAt().isBefore(start.plus(Duration.ofMinutes(15)))).count();
            assertThat(intervals.get(start).offered()).isEqualTo(arrived);
        }
        // Calls that arrive near the end are answered or abandoned after it: the intervals outlast the arrivals.
        assertThat(intervals.lastKey()).isAfter(IntervalFigures.intervalOf(
                calls.stream().map(CallTruth::arrivedAt).max(Instant::compareTo).orElseThrow()).minusSeconds(1));
    }

    @Test
    void targetsFollowTheNhs111Definitions() {
        assertThat(new IntervalFigures(100, 100, 95, 0, 0, 0, 0).answerTargetMet()).isTrue();
        assertThat(new IntervalFigures(100, 100, 94, 0, 0, 0, 0).answerTargetMet()).isFalse();
        assertThat(new IntervalFigures(100, 50, 50, 5, 5, 0, 0).abandonTargetMet()).as("5% is not under 5%").isFalse();
        assertThat(new IntervalFigures(100, 50, 50, 5, 4, 0, 0).abandonTargetMet()).isTrue();
        assertThat(IntervalFigures.NONE.answerTargetMet()).isTrue();
    }

    private static GroundTruth.Summary summary(List<CallTruth> calls) {
        java.util.Map<CallTruth.Outcome, Integer> counts = new java.util.EnumMap<>(CallTruth.Outcome.class);
        calls.forEach(c -> counts.merge(c.outcome(), 1, Integer::sum));
        return new GroundTruth.Summary(calls.size(), counts, 0, 0, 0);
    }
}
