package io.switchboard.directory.reconciliation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matches every call of a period with its lifecycle end, its triage outcomes and its one call outcome, as read back
 * from calls.outcomes.v1, and says why any call does not match (docs/directory.md, "Reconciliation"). Plain logic:
 * the calls are fed one at a time ({@link Tally#add}), so a long period needs no more memory than the listed ones.
 */
public final class Reconciler {

    /** Ended calls whose outcome is not decided this long after the settle period are stuck, not settling. */
    private final Duration settle;
    private final Duration sweepInterval;
    /** A published outcome not read back from the topic after this long is missing there. */
    private final Duration readBackGrace;
    private final int maxListed;

    public Reconciler(Duration settle, Duration sweepInterval, Duration readBackGrace, int maxListed) {
        this.settle = settle;
        this.sweepInterval = sweepInterval;
        this.readBackGrace = readBackGrace;
        this.maxListed = maxListed;
    }

    /**
     * What directory-service knows of one call. Counters are null where they were not kept (rows from before
     * reconciliation); {@code offeredAt} is null when calls.lifecycle.v1 never mentioned the call.
     *
     * @param tracked            directory-service holds state for the call (false: only seen on calls.outcomes.v1)
     * @param topicRecords       records of this call read back from calls.outcomes.v1
     * @param topicDistinct      how many of them differ (by payload hash); more than 1 is a second outcome
     * @param topicResults       their results, distinct, comma-separated
     * @param outcomeResult      the stored outcome's result, null while undecided
     * @param outcomePublishedAt when Kafka acknowledged it, null while not
     */
    public record Call(String callId, boolean tracked, String provider, String region, Instant offeredAt, Boolean offeredSeen,
            Integer lifecycleEvents, Integer maxSequence, Instant answeredAt, boolean abandoned, boolean contingency,
            Instant endedAt, String endReason, Instant endedSeenAt, Integer triageOutcomes, String lastTriageStatus,
            Instant lastTriageFinishedAt, boolean reachedDisposition, Integer lateTriageOutcomes,
            Instant lastLateTriageAt, String lastLateTriageStatus, Instant decidedAt, String outcomeResult,
            Instant outcomePublishedAt, int topicRecords, int topicDistinct, String topicResults) {

        /** A call only seen on calls.outcomes.v1 (directory-service holds no state for it). */
        public static Call onlyOnTopic(String callId, Instant offeredAt, int records, int distinct, String results) {
            return new Call(callId, false, null, null, offeredAt, null, null, null, null, false, false, null, null, null,
                    null, null, null, false, null, null, null, null, null, null, records, distinct, results);
        }

        boolean triaged() {
            return (triageOutcomes != null && triageOutcomes > 0) || lastTriageStatus != null
                    || (lateTriageOutcomes != null && lateTriageOutcomes > 0);
        }

        /** How the call ended: contingency, answered, abandoned (in a queue) or not-answered (anything else). */
        String endKind() {
            if (contingency) {
                return "contingency";
            }
            if (answeredAt != null) {
                return "answered";
            }
            return abandoned ? "abandoned" : "not-answered";
        }
    }

    /** A call that does not match, with the first problem found ({@code code}) and every problem in words. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unmatched(String callId, String provider, String region, Instant offeredAt, String code,
            String reason) {
    }

    public record Totals(int calls, int offered, int inProgress, int ended, Map<String, Integer> endedByKind,
            Map<String, Integer> endedByReason, int triaged, int triagedWithDisposition, int triageWithoutLifecycle,
            int outcomesDecided, Map<String, Integer> outcomesPublished, int outcomesUnpublished,
            int outcomesReadBack, int outcomeRedeliveries, int matched, int unmatched,
            Map<String, Integer> unmatchedByCode) {
    }

    /** The answer: totals over every call of the period, and the unmatched calls (at most the listed limit). */
    public record Report(Instant from, Instant to, Instant generatedAt, Totals totals, List<Unmatched> unmatched,
            boolean truncated) {
    }

    public Tally tally(Instant from, Instant to, Instant now) {
        return new Tally(from, to, now);
    }

    /** Totals and unmatched calls so far; {@link #report()} when every call of the period has been added. */
    public final class Tally {

        private final Instant from;
        private final Instant to;
        private final Instant now;
        private int calls;
        private int offered;
        private int inProgress;
        private int ended;
        private final Map<String, Integer> endedByKind = new TreeMap<>();
        private final Map<String, Integer> endedByReason = new TreeMap<>();
        private int triaged;
        private int triagedWithDisposition;
        private int triageWithoutLifecycle;
        private int outcomesDecided;
        private final Map<String, Integer> outcomesPublished = new TreeMap<>();
        private int outcomesUnpublished;
        private int outcomesReadBack;
        private int outcomeRedeliveries;
        private int matched;
        private final Map<String, Integer> unmatchedByCode = new TreeMap<>();
        private final List<Unmatched> unmatched = new ArrayList<>();

        private Tally(Instant from, Instant to, Instant now) {
            this.from = from;
            this.to = to;
            this.now = now;
        }

        public void add(Call call) {
            calls++;
            count(call);
            List<String[]> problems = problems(call);
            if (problems.isEmpty()) {
                matched++;
                return;
            }
            String code = problems.get(0)[0];
            unmatchedByCode.merge(code, 1, Integer::sum);
            if (unmatched.size() < maxListed) {
                unmatched.add(new Unmatched(call.callId(), call.provider(), call.region(), call.offeredAt(), code,
                        String.join("; ", problems.stream().map(p -> p[1]).toList())));
            }
        }

        public Report report() {
            int unmatchedCount = unmatchedByCode.values().stream().mapToInt(Integer::intValue).sum();
            return new Report(from, to, now, new Totals(calls, offered, inProgress, ended, endedByKind,
                    endedByReason, triaged, triagedWithDisposition, triageWithoutLifecycle, outcomesDecided,
                    outcomesPublished, outcomesUnpublished, outcomesReadBack, outcomeRedeliveries, matched,
                    unmatchedCount, unmatchedByCode), List.copyOf(unmatched), unmatchedCount > unmatched.size());
        }

        private void count(Call c) {
            if (c.tracked() && c.offeredAt() != null) {
                offered++;
                if (c.endedAt() != null) {
                    ended++;
                    endedByKind.merge(c.endKind(), 1, Integer::sum);
                    endedByReason.merge(c.endReason() == null ? "unknown" : c.endReason(), 1, Integer::sum);
                } else if (c.decidedAt() == null) {
                    inProgress++;
                }
            }
            if (c.triaged()) {
                triaged++;
                if (c.reachedDisposition()) {
                    triagedWithDisposition++;
                }
                if (c.tracked() && c.offeredAt() == null) {
                    triageWithoutLifecycle++;
                }
            }
            if (c.decidedAt() != null) {
                outcomesDecided++;
                if (c.outcomePublishedAt() != null) {
                    outcomesPublished.merge(c.outcomeResult(), 1, Integer::sum);
                } else {
                    outcomesUnpublished++;
                }
            }
            if (c.topicRecords() > 0) {
                outcomesReadBack++;
                outcomeRedeliveries += c.topicRecords() - c.topicDistinct();
            }
        }

        /** Every problem of a call, most telling first: {code, reason}. */
        private List<String[]> problems(Call c) {
            List<String[]> out = new ArrayList<>();
            if (c.topicDistinct() > 1) {
                out.add(problem("outcome-published-twice", "outcome published twice: " + c.topicDistinct()
                        + " different outcomes for this call on calls.outcomes.v1 (" + c.topicResults()
                        + "); there must only ever be one"));
            }
            if (!c.tracked()) {
                out.add(problem("unknown-call", "an outcome on calls.outcomes.v1 for a call directory-service has no "
                        + "record of (not from its outcome flow)"));
                return out;
            }
            if (c.offeredAt() == null) {
                out.add(problem("no-lifecycle", "triage outcome (" + c.lastTriageStatus() + ", finished "
                        + c.lastTriageFinishedAt() + ") without lifecycle: calls.lifecycle.v1 never mentioned this "
                        + "call, so it has no call outcome"));
                return out;
            }
            lifecycle(c, out);
            if (c.lateTriageOutcomes() != null && c.lateTriageOutcomes() > 0) {
                out.add(problem("late-triage-outcome", c.lateTriageOutcomes() + " triage outcome"
                        + (c.lateTriageOutcomes() == 1 ? "" : "s") + " (last " + c.lastLateTriageStatus()
                        + ", finished " + c.lastLateTriageAt() + ") arrived after the outcome (" + c.outcomeResult()
                        + ") was decided at " + c.decidedAt() + ": the published outcome does not reflect "
                        + (c.lateTriageOutcomes() == 1 ? "it" : "them")));
            }
            publication(c, out);
            return out;
        }

        private void lifecycle(Call c, List<String[]> out) {
            if (c.lifecycleEvents() != null && c.maxSequence() != null && c.lifecycleEvents() < c.maxSequence()) {
                out.add(problem("lifecycle-gap", "lifecycle incomplete: " + c.lifecycleEvents() + " of the "
                        + c.maxSequence() + " events up to sequence " + c.maxSequence() + " received"
                        + (Boolean.FALSE.equals(c.offeredSeen()) ? ", the 'offered' event among those missing" : "")));
            }
            if (c.endedAt() == null) {
                if (c.decidedAt() == null) {
                    out.add(problem("in-progress", "offered at " + c.offeredAt() + ", no lifecycle end yet (in "
                            + "progress for " + minutes(Duration.between(c.offeredAt(), now)) + ")"));
                } else {
                    out.add(problem("no-lifecycle-end", "no lifecycle end: the outcome (" + c.outcomeResult()
                            + ") was decided at " + c.decidedAt() + " from what was known when the call got too old"));
                }
                return;
            }
            if (c.decidedAt() != null) {
                return;
            }
            String ended = "ended " + c.endKind() + " at " + c.endedAt();
            Instant due = (c.endedSeenAt() == null ? c.endedAt() : c.endedSeenAt()).plus(settle);
            if (now.isBefore(due.plus(sweepInterval).plus(sweepInterval))) {
                out.add(problem("settling", ended + "; its outcome is due at " + due
                        + " (waiting for a late triage outcome)"));
            } else {
                String triage = c.triaged() ? "a triage outcome (" + c.lastTriageStatus() + ")"
                        : "no triage outcome";
                out.add(problem("no-outcome", ended + ", " + triage + " and no call outcome after the settle "
                        + "window (due at " + due + ")"));
            }
        }

        private void publication(Call c, List<String[]> out) {
            if (c.decidedAt() == null) {
                return;
            }
            if (c.outcomePublishedAt() == null) {
                out.add(problem("outcome-unpublished", "outcome " + c.outcomeResult() + " decided at "
                        + c.decidedAt() + ", not acknowledged by Kafka yet (for "
                        + seconds(Duration.between(c.decidedAt(), now)) + "; the relay retries)"));
            } else if (c.topicRecords() == 0) {
                if (now.isBefore(c.outcomePublishedAt().plus(readBackGrace))) {
                    out.add(problem("read-back-pending", "outcome " + c.outcomeResult() + " published at "
                            + c.outcomePublishedAt() + ", not read back from calls.outcomes.v1 yet"));
                } else {
                    out.add(problem("outcome-not-on-topic", "outcome " + c.outcomeResult() + " acknowledged by "
                            + "Kafka at " + c.outcomePublishedAt() + " but not on calls.outcomes.v1 when read back"));
                }
            }
        }
    }

    private static String[] problem(String code, String reason) {
        return new String[] {code, reason};
    }

    private static String minutes(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return minutes + " min";
    }

    private static String seconds(Duration d) {
        return Math.max(0, d.toSeconds()) + " s";
    }
}
