package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.amireplay.AmiMessage;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The model against its own parameters, over long simulated periods run as fast as possible. Tolerances are stated
 * in sampling-error units (a Poisson count n has standard deviation sqrt(n), a share p over n calls
 * sqrt(p(1-p)/n)), at levels a correct model fails about once in a thousand runs or less; the seeds are fixed, so
 * a run is reproducible. Measured values are printed.
 */
class ModelStatisticsTest {

    private static GroundTruth run(SimulationConfig config) {
        Simulation sim = Simulation.withoutAmi(config);
        sim.runToEnd();
        return sim.groundTruth();
    }

    private static void report(String what, Object... values) {
        System.out.println("[statistics] " + String.format(Locale.ROOT, what, values));
    }

    @Test
    void arrivalsPerHourOfTheWeekFollowTheProfile() {
        SimulationConfig config = SimulationConfig.builder().seed(11).duration(Duration.ofDays(7)).build();
        List<CallTruth> calls = run(config).calls();
        double[] observed = new double[168];
        for (CallTruth call : calls) {
            LocalDateTime local = call.arrivedAt().atZone(config.start.getZone()).toLocalDateTime();
            observed[ArrivalProfile.index(local.getDayOfWeek(), local.getHour())]++;
        }
        double chiSquare = 0;
        double worstRelative = 0;
        for (int h = 0; h < 168; h++) {
            double expected = config.arrivals.hourOfWeekRate(h);
            chiSquare += (observed[h] - expected) * (observed[h] - expected) / expected;
            worstRelative = Math.max(worstRelative, Math.abs(observed[h] - expected) / expected);
        }
        // Wilson-Hilferty: the 0.999 quantile of chi-square with 167 degrees of freedom (about 224)
        double df = 167;
        double critical = df * Math.pow(1 - 2 / (9 * df) + 3.0902 * Math.sqrt(2 / (9 * df)), 3);
        report("week of %d calls (expected %.0f): chi-square %.1f over 168 hours (0.999 critical value %.1f);"
                + " worst hour off by %.0f%%", calls.size(), config.arrivals.weeklyTotal(), chiSquare, critical,
                100 * worstRelative);
        assertThat(chiSquare).isLessThan(critical);
        assertThat((double) calls.size()).isCloseTo(config.arrivals.weeklyTotal(),
                within(4 * Math.sqrt(config.arrivals.weeklyTotal())));
        // Each day's total within 4 standard deviations; weekend days carry the Saturday/Sunday volume.
        for (int day = 0; day < 7; day++) {
            double expected = 0;
            double seen = 0;
            for (int h = day * 24; h < day * 24 + 24; h++) {
                expected += config.arrivals.hourOfWeekRate(h);
                seen += observed[h];
            }
            assertThat(seen).as("calls on day %d", day).isCloseTo(expected, within(4 * Math.sqrt(expected)));
        }
    }

    @Test
    void bankHolidaysAndSurgesMultiplyTheVolume() {
        ZonedDateTime monday = SimulationConfig.DEFAULT_START;
        ArrivalProfile profile = ArrivalProfile.nhs111Default()
                .withBankHolidays(java.util.Set.of(monday.toLocalDate()), 1.5)
                .withSurge(new ArrivalProfile.Surge(monday.toLocalDateTime().plusHours(30),
                        monday.toLocalDateTime().plusHours(34), 3.0));
        SimulationConfig config = SimulationConfig.builder().seed(5).duration(Duration.ofDays(2)).arrivals(profile)
                .build();
        List<CallTruth> calls = run(config).calls();
        long monday0 = calls.stream().filter(c -> c.arrivedAt().isBefore(monday.plusDays(1).toInstant())).count();
        long surge = calls.stream().filter(c -> !c.arrivedAt().isBefore(monday.plusHours(30).toInstant())
                && c.arrivedAt().isBefore(monday.plusHours(34).toInstant())).count();
        double expectedMonday = ArrivalProfile.DEFAULT_WEEKEND_DAY_CALLS * 1.5; // a bank holiday runs as a Sunday
        double expectedSurge = 0;
        for (int h = 24 + 6; h < 24 + 10; h++) {
            expectedSurge += profile.hourOfWeekRate(h) * 3.0;
        }
        report("bank-holiday Monday: %d calls (expected %.0f); 4-hour x3 surge: %d (expected %.0f)", monday0,
                expectedMonday, surge, expectedSurge);
        assertThat((double) monday0).isCloseTo(expectedMonday, within(4 * Math.sqrt(expectedMonday)));
        assertThat((double) surge).isCloseTo(expectedSurge, within(4 * Math.sqrt(expectedSurge)));
    }

    @Test
    void withNoHandlersEveryCallerAbandonsAfterTheirPatience() {
        Distribution patience = Distribution.exponential(60);
        SimulationConfig config = SimulationConfig.builder().seed(21).duration(Duration.ofHours(3))
                .arrivals(ArrivalProfile.flat(1000)).roster(Roster.flat(0, 0)).queueTimeout(0).patience(patience)
                .build();
        GroundTruth truth = run(config);
        List<CallTruth> calls = truth.calls();
        double meanWait = calls.stream().mapToDouble(CallTruth::waitSeconds).average().orElseThrow();
        double share30 = calls.stream().filter(c -> c.waitSeconds() > 30).count() / (double) calls.size();
        report("no handlers, no queue timeout, patience exp(60): %d calls, all abandoned=%s, mean wait %.2f s"
                + " (expected 60, +-%.2f at 4 sd), abandoned after 30 s %.3f (expected %.3f)", calls.size(),
                truth.summary().count(CallTruth.Outcome.ABANDONED) == calls.size(), meanWait,
                4 * 60 / Math.sqrt(calls.size()), share30, Math.exp(-0.5));
        assertThat(truth.summary().count(CallTruth.Outcome.ABANDONED)).isEqualTo(calls.size());
        assertThat(meanWait).isCloseTo(60, within(4 * 60 / Math.sqrt(calls.size())));
        double p = Math.exp(-30.0 / 60);
        assertThat(share30).isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / calls.size())));
        assertThat(truth.summary().abandonedAfter30()).isEqualTo(calls.stream().filter(c -> c.waitSeconds() > 30).count());
    }

    @Test
    void withNoHandlersTheQueueTimeoutSendsTheRestToContingency() {
        Distribution patience = Distribution.lognormal(60, 60);
        SimulationConfig config = SimulationConfig.builder().seed(22).duration(Duration.ofHours(3))
                .arrivals(ArrivalProfile.flat(1000)).roster(Roster.flat(0, 0)).queueTimeout(20).patience(patience)
                .build();
        GroundTruth truth = run(config);
        GroundTruth.Summary summary = truth.summary();
        double p = patience.cdf(20);
        double abandoned = summary.share(CallTruth.Outcome.ABANDONED);
        report("no handlers, queue timeout 20 s, patience lognormal(60,60): %d calls, abandoned %.4f (model %.4f,"
                + " +-%.4f at 4 sd), timed out to contingency %.4f", summary.offered(), abandoned, p,
                4 * Math.sqrt(p * (1 - p) / summary.offered()), summary.share(CallTruth.Outcome.TIMED_OUT));
        assertThat(abandoned).isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / summary.offered())));
        assertThat(summary.count(CallTruth.Outcome.ABANDONED) + summary.count(CallTruth.Outcome.TIMED_OUT))
                .isEqualTo(summary.offered());
        for (CallTruth call : truth.calls()) {
            if (call.outcome() == CallTruth.Outcome.TIMED_OUT) {
                assertThat(call.waitSeconds()).isCloseTo(20.0, within(1e-6));
                assertThat(call.pbxHoldTime()).isEqualTo(20);
                assertThat(call.contingencyReason()).isEqualTo("queue-timeout");
                assertThat(call.get("contingencyAnsweredAt")).isNotNull();
            } else {
                assertThat(call.waitSeconds()).isLessThan(20.0);
            }
        }
    }

    @Test
    void withAmpleStaffNobodyAbandons() {
        SimulationConfig config = SimulationConfig.builder().seed(23).duration(Duration.ofHours(24))
                .arrivals(ArrivalProfile.flat(100)).roster(Roster.flat(40, 20)).build();
        GroundTruth.Summary summary = run(config).summary();
        report("ample staff (40 handlers for %.1f erlangs): %s", 100 * (480 + 60) / 3600.0, summary);
        assertThat(summary.offered()).isGreaterThan(2000);
        assertThat(summary.count(CallTruth.Outcome.ABANDONED)).isZero();
        assertThat(summary.count(CallTruth.Outcome.TIMED_OUT)).isZero();
        assertThat(summary.answeredWithin60()).isEqualTo(summary.answered());
        assertThat(summary.meanWaitSeconds()).isCloseTo(2.0, within(0.01)); // the ring time, nothing else
        double transferred = summary.share(CallTruth.Outcome.TRANSFERRED);
        double sd = Math.sqrt(0.219 * 0.781 / summary.offered());
        report("transferred share %.4f (model 0.219 +-%.4f at 4 sd)", transferred, 4 * sd);
        assertThat(transferred).isCloseTo(0.219, within(4 * sd));
    }

    @Test
    void queueingMatchesErlangC() {
        // M/M/c: Poisson arrivals, exponential talk, no ring, no wrap-up, no abandonment, no timeout, no transfers,
        // free handlers noticed at once. Offered load a = 7 erlangs on c = 10 handlers; four seeds of four days.
        int c = 10;
        double talk = 108;
        double lambda = 7 / talk; // per second
        List<CallTruth> calls = new ArrayList<>();
        for (long seed = 30; seed < 34; seed++) {
            calls.addAll(run(SimulationConfig.builder().seed(seed).duration(Duration.ofDays(4))
                    .arrivals(ArrivalProfile.flat(lambda * 3600)).roster(Roster.flat(c, 0))
                    .talk(Distribution.exponential(talk)).wrapUp(Distribution.fixed(0)).ring(Distribution.fixed(0))
                    .patience(Distribution.never()).queueTimeout(0).transferShare(0).recheck(0.001).joinDelay(0)
                    .build()).calls());
        }
        double a = lambda * talk;
        double erlangC = erlangC(c, a);
        double waited = calls.stream().filter(x -> x.waitSeconds() > 0.01).count() / (double) calls.size();
        double meanWait = calls.stream().mapToDouble(CallTruth::waitSeconds).average().orElseThrow();
        double expectedWait = erlangC * talk / (c - a);
        report("M/M/%d at %.1f erlangs, %d calls: P(wait) %.4f (Erlang C %.4f); mean wait %.2f s (Erlang C %.2f s)",
                c, a, calls.size(), waited, erlangC, meanWait, expectedWait);
        // Waits in a queue are correlated: across seeds one 4-day run's P(wait) varies by about 0.009 (sd), so the
        // pooled four runs' by about 0.0045, and the mean wait by about 0.5 s.
        assertThat(waited).isCloseTo(erlangC, within(0.02));
        assertThat(meanWait).isCloseTo(expectedWait, within(0.15 * expectedWait));
    }

    static double erlangC(int c, double a) {
        double sum = 0;
        double term = 1;
        for (int k = 0; k < c; k++) {
            if (k > 0) {
                term *= a / k;
            }
            sum += term;
        }
        double last = term * a / c; // a^c / c!
        double top = last * c / (c - a);
        return top / (sum + top);
    }

    @Test
    void theSameSeedGivesTheSameCallsAndEventsAndAnotherSeedDoesNot() throws Exception {
        SimulationConfig config = SimulationConfig.builder().seed(42).duration(Duration.ofHours(6))
                .arrivals(ArrivalProfile.flat(120)).roster(Roster.flat(12, 3)).breakEvery(Duration.ofHours(2))
                .ringNoAnswerProbability(0.05).build();
        Run first = runWithAmi(config);
        Run second = runWithAmi(config);
        Run other = runWithAmi(config.toBuilder().seed(43).build());
        report("seed 42: %d calls, %d AMI events, digest %s", first.lines.size(), first.events, first.digest);
        assertThat(first.lines).hasSizeGreaterThan(500);
        assertThat(second.lines).isEqualTo(first.lines);
        assertThat(second.digest).isEqualTo(first.digest);
        assertThat(other.lines).isNotEqualTo(first.lines);
        assertThat(other.digest).isNotEqualTo(first.digest);
    }

    @Test
    void staffingDoesNotChangeWhoCallsOrWhen() {
        SimulationConfig base = SimulationConfig.builder().seed(8).duration(Duration.ofHours(4))
                .arrivals(ArrivalProfile.flat(200)).roster(Roster.flat(30, 8)).build();
        List<CallTruth> wellStaffed = run(base).calls();
        List<CallTruth> shortStaffed = run(base.toBuilder().roster(Roster.flat(10, 2)).build()).calls();
        List<String> a = wellStaffed.stream().map(c -> c.get("arrivedAt") + " " + c.callerNumber()).sorted().toList();
        List<String> b = shortStaffed.stream().map(c -> c.get("arrivedAt") + " " + c.callerNumber()).sorted().toList();
        assertThat(b).isEqualTo(a);
        GroundTruth.Summary well = run(base).summary();
        GroundTruth.Summary shortOf = run(base.toBuilder().roster(Roster.flat(10, 2)).build()).summary();
        report("same callers, 30 handlers: %s", well);
        report("same callers, 10 handlers: %s", shortOf);
        assertThat(shortOf.count(CallTruth.Outcome.TIMED_OUT) + shortOf.count(CallTruth.Outcome.ABANDONED))
                .isGreaterThan(well.count(CallTruth.Outcome.TIMED_OUT) + well.count(CallTruth.Outcome.ABANDONED));
    }

    record Run(List<String> lines, int events, String digest) {
    }

    private static Run runWithAmi(SimulationConfig config) throws Exception {
        Simulation sim = new Simulation(config);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        int[] count = {0};
        sim.addListener((AmiMessage m) -> {
            digest.update(m.bytes());
            count[0]++;
        });
        sim.runToEnd();
        return new Run(new ArrayList<>(sim.groundTruth().lines()), count[0], HexFormat.of().formatHex(digest.digest()));
    }
}
