package io.switchboard.directory.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.reconciliation.Reconciler.Call;
import io.switchboard.directory.reconciliation.Reconciler.Report;
import io.switchboard.directory.reconciliation.Reconciler.Unmatched;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each way a call can fail to match, and the totals, without a database. */
class ReconcilerTest {

    private static final Instant FROM = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    private static final Instant OFFERED = Instant.parse("2026-11-23T09:10:00Z");
    private static final Instant ENDED = OFFERED.plusSeconds(600);
    private static final Instant DECIDED = ENDED.plusSeconds(1);

    private final Reconciler reconciler = new Reconciler(Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(60), 3);

    /** A call as it should be: offered, answered, triaged, ended, its outcome decided, published and read back. */
    private static Builder triagedCall(String id) {
        return new Builder(id);
    }

    private Report reconcile(Call... calls) {
        return reconcile(NOW, calls);
    }

    private Report reconcile(Instant now, Call... calls) {
        Reconciler.Tally tally = reconciler.tally(FROM, TO, now);
        for (Call call : calls) {
            tally.add(call);
        }
        return tally.report();
    }

    private Unmatched only(Report report) {
        assertThat(report.unmatched()).hasSize(1);
        return report.unmatched().get(0);
    }

    @Test
    void aCallWithEverythingMatches() {
        Report report = reconcile(triagedCall("pbx-1:1").build());
        assertThat(report.unmatched()).isEmpty();
        assertThat(report.totals().matched()).isEqualTo(1);
        assertThat(report.totals().unmatched()).isZero();
        assertThat(report.totals().offered()).isEqualTo(1);
        assertThat(report.totals().ended()).isEqualTo(1);
        assertThat(report.totals().endedByKind()).isEqualTo(Map.of("answered", 1));
        assertThat(report.totals().endedByReason()).isEqualTo(Map.of("caller-hangup", 1));
        assertThat(report.totals().triaged()).isEqualTo(1);
        assertThat(report.totals().triagedWithDisposition()).isEqualTo(1);
        assertThat(report.totals().outcomesPublished()).isEqualTo(Map.of("service-chosen", 1));
        assertThat(report.totals().outcomesReadBack()).isEqualTo(1);
        assertThat(report.from()).isEqualTo(FROM);
        assertThat(report.to()).isEqualTo(TO);
        assertThat(report.generatedAt()).isEqualTo(NOW);
    }

    @Test
    void aCallStillInProgressSaysForHowLong() {
        Unmatched u = only(reconcile(triagedCall("pbx-1:2").inProgress().build()));
        assertThat(u.code()).isEqualTo("in-progress");
        assertThat(u.reason()).isEqualTo("offered at 2026-11-23T09:10:00Z, no lifecycle end yet (in progress for 80 min)");
        assertThat(reconcile(triagedCall("pbx-1:2").inProgress().build()).totals().inProgress()).isEqualTo(1);
    }

    @Test
    void anEndedCallIsSettlingUntilItsOutcomeIsDueThenMissing() {
        Call ended = triagedCall("pbx-1:3").noTriage().undecided().build();
        Unmatched settling = only(reconcile(ENDED.plusSeconds(20), ended));
        assertThat(settling.code()).isEqualTo("settling");
        assertThat(settling.reason()).isEqualTo("ended answered at 2026-11-23T09:20:00Z; its outcome is due at "
                + "2026-11-23T09:20:30Z (waiting for a late triage outcome)");

        Unmatched missing = only(reconcile(ended));
        assertThat(missing.code()).isEqualTo("no-outcome");
        assertThat(missing.reason()).isEqualTo("ended answered at 2026-11-23T09:20:00Z, no triage outcome and no call "
                + "outcome after the settle window (due at 2026-11-23T09:20:30Z)");
    }

    @Test
    void aTriageOutcomeWithoutLifecycleIsListedAndCountedApart() {
        Call orphan = new Builder("pbx-1:4").triageOnly().build();
        Report report = reconcile(orphan);
        Unmatched u = only(report);
        assertThat(u.code()).isEqualTo("no-lifecycle");
        assertThat(u.reason()).isEqualTo("triage outcome (disposition-reached, finished 2026-11-23T09:25:00Z) without "
                + "lifecycle: calls.lifecycle.v1 never mentioned this call, so it has no call outcome");
        assertThat(report.totals().offered()).isZero();
        assertThat(report.totals().triageWithoutLifecycle()).isEqualTo(1);
    }

    @Test
    void aSecondDifferentOutcomeOnTheTopicMustNeverHappen() {
        Report report = reconcile(triagedCall("pbx-1:5").onTopic(2, 2, "abandoned, service-chosen").build());
        Unmatched u = only(report);
        assertThat(u.code()).isEqualTo("outcome-published-twice");
        assertThat(u.reason()).isEqualTo("outcome published twice: 2 different outcomes for this call on "
                + "calls.outcomes.v1 (abandoned, service-chosen); there must only ever be one");
    }

    @Test
    void theSameOutcomeDeliveredTwiceIsARedeliveryNotAProblem() {
        Report report = reconcile(triagedCall("pbx-1:6").onTopic(2, 1, "service-chosen").build());
        assertThat(report.unmatched()).isEmpty();
        assertThat(report.totals().outcomeRedeliveries()).isEqualTo(1);
    }

    @Test
    void missingLifecycleEventsAreNamed() {
        Unmatched u = only(reconcile(triagedCall("pbx-1:7").lifecycle(3, 4, false).build()));
        assertThat(u.code()).isEqualTo("lifecycle-gap");
        assertThat(u.reason()).isEqualTo("lifecycle incomplete: 3 of the 4 events up to sequence 4 received, the "
                + "'offered' event among those missing");
        // rows from before reconciliation kept no counts: nothing is claimed about them
        assertThat(reconcile(triagedCall("pbx-1:7").lifecycle(null, null, null).build()).unmatched()).isEmpty();
    }

    @Test
    void aTriageOutcomeAfterTheDecisionIsNotLostSilently() {
        Unmatched u = only(reconcile(triagedCall("pbx-1:8").late(1).build()));
        assertThat(u.code()).isEqualTo("late-triage-outcome");
        assertThat(u.reason()).isEqualTo("1 triage outcome (last disposition-reached, finished 2026-11-23T09:30:00Z) "
                + "arrived after the outcome (service-chosen) was decided at 2026-11-23T09:20:01Z: the published "
                + "outcome does not reflect it");
    }

    @Test
    void anOutcomeNotAcknowledgedOrNotReadBackIsListed() {
        Unmatched unpublished = only(reconcile(triagedCall("pbx-1:9").unpublished().build()));
        assertThat(unpublished.code()).isEqualTo("outcome-unpublished");
        assertThat(unpublished.reason()).isEqualTo("outcome service-chosen decided at 2026-11-23T09:20:01Z, not "
                + "acknowledged by Kafka yet (for 4199 s; the relay retries)");

        Call notReadBack = triagedCall("pbx-1:10").onTopic(0, 0, null).build();
        assertThat(only(reconcile(DECIDED.plusSeconds(10), notReadBack)).code()).isEqualTo("read-back-pending");
        Unmatched missing = only(reconcile(notReadBack));
        assertThat(missing.code()).isEqualTo("outcome-not-on-topic");
        assertThat(missing.reason()).isEqualTo("outcome service-chosen acknowledged by Kafka at "
                + "2026-11-23T09:20:02Z but not on calls.outcomes.v1 when read back");
    }

    @Test
    void aCallThatNeverEndedButWasDecidedWhenTooOldSaysSo() {
        Unmatched u = only(reconcile(triagedCall("pbx-1:11").inProgress().decided("triage-incomplete").build()));
        assertThat(u.code()).isEqualTo("no-lifecycle-end");
        assertThat(u.reason()).isEqualTo("no lifecycle end: the outcome (triage-incomplete) was decided at "
                + "2026-11-23T09:20:01Z from what was known when the call got too old");
    }

    @Test
    void anOutcomeOnTheTopicForACallNobodyTrackedIsListed() {
        Report report = reconcile(Call.onlyOnTopic("pbx-1:12", OFFERED, 1, 1, "abandoned"));
        assertThat(only(report).code()).isEqualTo("unknown-call");
        assertThat(report.totals().offered()).isZero();
        assertThat(report.totals().outcomesReadBack()).isEqualTo(1);
    }

    @Test
    void everyProblemOfACallIsSaidTheMostTellingFirst() {
        Unmatched u = only(reconcile(triagedCall("pbx-1:13").lifecycle(2, 3, true).inProgress()
                .onTopic(0, 0, null).undecided().build()));
        assertThat(u.code()).isEqualTo("lifecycle-gap");
        assertThat(u.reason()).isEqualTo("lifecycle incomplete: 2 of the 3 events up to sequence 3 received; offered at "
                + "2026-11-23T09:10:00Z, no lifecycle end yet (in progress for 80 min)");
    }

    @Test
    void totalsCountEveryCallButTheListStopsAtTheLimit() {
        Report report = reconcile(triagedCall("a:1").inProgress().build(), triagedCall("a:2").inProgress().build(),
                triagedCall("a:3").inProgress().build(), triagedCall("a:4").inProgress().build(),
                triagedCall("a:5").abandoned().build(), triagedCall("a:6").build());
        assertThat(report.totals().calls()).isEqualTo(6);
        assertThat(report.totals().unmatched()).isEqualTo(4);
        assertThat(report.totals().unmatchedByCode()).isEqualTo(Map.of("in-progress", 4));
        assertThat(report.totals().matched()).isEqualTo(2);
        assertThat(report.unmatched()).hasSize(3);
        assertThat(report.truncated()).isTrue();
        assertThat(report.totals().endedByKind()).isEqualTo(Map.of("abandoned", 1, "answered", 1));
        assertThat(report.totals().outcomesPublished()).isEqualTo(Map.of("abandoned", 1, "service-chosen", 1));
        assertThat(report.totals().inProgress()).isEqualTo(4);
    }

    /** Builds a {@link Call}; starts as a call that matches. */
    private static final class Builder {
        private final String id;
        private boolean tracked = true;
        private String provider = "test-111";
        private Instant offeredAt = OFFERED;
        private Boolean offeredSeen = true;
        private Integer events = 4;
        private Integer maxSequence = 4;
        private Instant answeredAt = OFFERED.plusSeconds(20);
        private boolean abandoned;
        private Instant endedAt = ENDED;
        private String endReason = "caller-hangup";
        private Integer triageOutcomes = 1;
        private String triageStatus = "disposition-reached";
        private Instant triageFinishedAt = ENDED.minusSeconds(60);
        private boolean reached = true;
        private Integer late = 0;
        private Instant decidedAt = DECIDED;
        private String result = "service-chosen";
        private Instant publishedAt = DECIDED.plusSeconds(1);
        private int topicRecords = 1;
        private int topicDistinct = 1;
        private String topicResults = "service-chosen";

        Builder(String id) {
            this.id = id;
        }

        Builder inProgress() {
            endedAt = null;
            endReason = null;
            return undecided();
        }

        Builder undecided() {
            decidedAt = null;
            result = null;
            return unpublished();
        }

        Builder decided(String outcome) {
            decidedAt = DECIDED;
            result = outcome;
            publishedAt = DECIDED.plusSeconds(1);
            return onTopic(1, 1, outcome);
        }

        Builder noTriage() {
            triageOutcomes = 0;
            triageStatus = null;
            triageFinishedAt = null;
            reached = false;
            return this;
        }

        Builder abandoned() {
            answeredAt = null;
            abandoned = true;
            endReason = "abandoned";
            result = "abandoned";
            topicResults = "abandoned";
            return noTriage();
        }

        Builder triageOnly() {
            provider = null;
            offeredAt = null;
            offeredSeen = false;
            events = 0;
            maxSequence = 0;
            answeredAt = null;
            endedAt = null;
            endReason = null;
            triageFinishedAt = Instant.parse("2026-11-23T09:25:00Z");
            return undecided();
        }

        Builder lifecycle(Integer received, Integer highest, Boolean offered) {
            events = received;
            maxSequence = highest;
            offeredSeen = offered;
            return this;
        }

        Builder late(int count) {
            late = count;
            triageOutcomes = 1 + count;
            return this;
        }

        Builder unpublished() {
            publishedAt = null;
            return onTopic(0, 0, null);
        }

        Builder onTopic(int records, int distinct, String results) {
            topicRecords = records;
            topicDistinct = distinct;
            topicResults = results;
            return this;
        }

        Call build() {
            return new Call(id, tracked, provider, provider == null ? null : "test-region", offeredAt, offeredSeen,
                    events, maxSequence, answeredAt, abandoned, false, endedAt, endReason, endedAt, triageOutcomes,
                    triageStatus, triageFinishedAt, reached, late, late != null && late > 0
                            ? Instant.parse("2026-11-23T09:30:00Z") : null,
                    late != null && late > 0 ? "disposition-reached" : null, decidedAt, result, publishedAt,
                    topicRecords, topicDistinct, topicResults);
        }
    }
}
