package io.switchboard.drill;

import io.switchboard.events.CallId;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.local.LocalPlatform;
import io.switchboard.simulator.CallTruth;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A drill's findings and verdict: what {@code report.json} holds and {@code report.html} shows. */
record DrillReport(
        String scenario,
        String description,
        String provider,
        String region,
        String simulatedFrom,
        String simulatedTo,
        double speed,
        double wallSeconds,
        String verdict,
        List<Check> checks,
        Map<String, Long> truthTotals,
        Map<String, Long> platformTotals,
        Double answeredWithin60sShare,
        Double abandonedAfter30sShare,
        List<Interval> intervals,
        List<ContingencyDecision> decisions,
        List<SwitchChange> switchChanges,
        List<AppliedFault> faults,
        WithoutContingency withoutContingency,
        Outcomes outcomes,
        long callsOffered,
        long callsLost,
        List<LostCall> lost,
        List<LostCall> unseen,
        List<PlatformObserver.DeadLetter> deadLetters) {

    record Check(String name, boolean passed, String detail) {
    }

    record Interval(Instant start, String localStart, Map<String, Long> truth, Map<String, Long> platform,
            boolean compared, boolean matches, Double answeredWithin60sShare, Double abandonedAfter30sShare,
            boolean targetsMet) {
    }

    /** A decision kpi-service published on routing.commands.v1. */
    /**
     * A decision kpi-service published on routing.commands.v1, and how long after it (virtual time) the PBX's switch
     * followed: at accelerated time every real second the platform takes is {@code speed} virtual seconds.
     */
    record ContingencyDecision(Instant at, String localAt, boolean engage, String reason, String issuedBy,
            Double pbxFollowedAfterSeconds) {
    }

    /** The PBX's contingency switch changing, as its own VarSet event shows (virtual time). */
    record SwitchChange(Instant at, boolean engaged) {
    }

    /**
     * A fault as applied: when (wall clock), what came of it, and the virtual period during which call-ingest could
     * not see the PBX (from the fault until call-ingest logged in again), if it could not.
     */
    record AppliedFault(String fault, String appliedAt, String result, String blindFrom, String blindTo) {
        AppliedFault(String fault, String appliedAt, String result) {
            this(fault, appliedAt, result, null, null);
        }
    }

    /** The same callers with no one to engage the contingency switch (the simulator alone, same seed). */
    record WithoutContingency(Map<String, Long> totals, Double answeredWithin60sShare, Double abandonedAfter30sShare) {
    }

    /**
     * What reached calls.outcomes.v1: results, the disposition mix of triaged calls, the share of those needing a
     * service for which one was found, the wall-clock time from the answered event to the outcome, and calls with no
     * outcome (must be none).
     */
    record Outcomes(Map<String, Long> byResult, Map<String, Long> dispositionGroups, Map<String, Long> serviceTypes,
            Double serviceFoundShare, Double answerToOutcomeP50Seconds, Double answerToOutcomeP95Seconds,
            long missing, List<String> missingCalls, long duplicated, Object handlers,
            Map<String, Long> transfersToClinician) {
    }

    record LostCall(String callId, String outcome, String arrivedAt, String problem) {
    }

    /** A period during which call-ingest could not see the PBX (virtual time). */
    record BlindWindow(Instant from, Instant to) {

        /** The call began and ended inside the window: no AMI consumer could have seen any of it. */
        boolean hides(CallTruth call) {
            Object ended = call.get("endedAt");
            return ended != null && !call.arrivedAt().isBefore(from) && !Instant.parse((String) ended).isAfter(to);
        }

        static boolean anyHides(List<BlindWindow> windows, CallTruth call) {
            return windows.stream().anyMatch(w -> w.hides(call));
        }

        boolean overlaps(Instant start, Instant end) {
            return start.isBefore(to) && end.isAfter(from);
        }
    }

    static DrillReport build(DrillScenario scenario, List<CallTruth> truth, TreeMap<Instant, IntervalFigures> expected,
            TreeMap<Instant, IntervalFigures> measured, PlatformObserver observer, List<SwitchChange> switchChanges,
            List<AppliedFault> faults, IntervalFigures withoutContingency, Object handlerStats, double wallSeconds) {
        ZoneId zone = scenario.simulation().start.getZone();
        List<Check> checks = new ArrayList<>();

        // Every call the PBX carried must reach exactly one end on calls.lifecycle.v1, except a call that began and
        // ended while call-ingest could not see the PBX: AMI never replays, so only the PBX's CDRs hold it. Those are
        // listed apart, never counted as reaching an end.
        Map<String, PlatformObserver.ObservedCall> observed = observer.calls();
        List<BlindWindow> blindWindows = blindWindows(faults, zone);
        List<LostCall> lost = new ArrayList<>();
        List<LostCall> unseen = new ArrayList<>();
        Set<String> hidden = new java.util.HashSet<>();
        Set<String> known = new java.util.HashSet<>();
        for (CallTruth call : truth) {
            String callId = callId(call);
            known.add(callId);
            PlatformObserver.ObservedCall seen = observed.get(callId);
            // Simulated handlers assess calls through triage's API straight from the PBX, so a call call-ingest
            // never saw can still have triage records: what counts is whether any lifecycle step was published.
            boolean noLifecycle = seen == null || seen.steps.isEmpty();
            if (noLifecycle && BlindWindow.anyHides(blindWindows, call)) {
                unseen.add(new LostCall(callId, call.outcome().wireName(), call.arrivedAt().toString(),
                        "began and ended while call-ingest could not see the PBX; only the PBX's CDRs record it"));
                hidden.add(callId);
                continue;
            }
            String problem = seen == null ? "never published"
                    : seen.ends == 0 ? "no end published (steps: " + seen.steps + ")"
                    : seen.ends > 1 ? seen.ends + " ends published" : null;
            if (problem != null) {
                lost.add(new LostCall(callId, call.outcome().wireName(), call.arrivedAt().toString(), problem));
            }
        }
        observed.keySet().stream().filter(id -> !known.contains(id)).sorted().forEach(id -> lost.add(
                new LostCall(id, null, null, "published, but the PBX never had this call")));
        String unseenNote = unseen.isEmpty() ? "" : "; " + unseen.size() + " began and ended while call-ingest could"
                + " not see the PBX (listed below: reconcile them with the PBX's CDRs)";
        checks.add(new Check("No call lost", lost.isEmpty(), (lost.isEmpty()
                ? "all " + (truth.size() - unseen.size()) + " calls call-ingest could see reached exactly one end on"
                        + " calls.lifecycle.v1"
                : lost.size() + " of " + truth.size() + " calls without exactly one end (listed below)") + unseenNote));

        // The platform's KPIs against the ground truth, interval by interval.
        List<Interval> intervals = new ArrayList<>();
        TreeMap<Instant, Boolean> all = new TreeMap<>();
        expected.keySet().forEach(k -> all.put(k, true));
        measured.keySet().forEach(k -> all.put(k, true));
        int mismatches = 0;
        int notCompared = 0;
        for (Instant start : all.keySet()) {
            IntervalFigures t = expected.getOrDefault(start, IntervalFigures.NONE);
            IntervalFigures p = measured.getOrDefault(start, IntervalFigures.NONE);
            Instant end = start.plusMillis(IntervalFigures.INTERVAL_MILLIS);
            boolean compared = blindWindows.stream().noneMatch(w -> w.overlaps(start, end));
            boolean matches = t.equals(p);
            if (!compared) {
                notCompared++;
            } else if (!matches) {
                mismatches++;
            }
            intervals.add(new Interval(start, LocalDateTime.ofInstant(start, zone).toString(), t.asMap(), p.asMap(),
                    compared, matches, p.answeredWithin60sShare(), p.abandonedAfter30sShare(),
                    p.answerTargetMet() && p.abandonTargetMet()));
        }
        checks.add(new Check("Platform KPIs equal the ground truth", mismatches == 0, mismatches == 0
                ? "every figure of all " + (intervals.size() - notCompared) + " compared 15-minute intervals equals the"
                        + " simulator's ground truth" + (notCompared == 0 ? ""
                        : "; " + notCompared + " interval(s) while call-ingest could not see the PBX not compared")
                : mismatches + " of " + (intervals.size() - notCompared) + " intervals differ (marked below)"));

        Outcomes outcomes = outcomes(truth.stream().filter(c -> !hidden.contains(callId(c))).toList(), observed,
                handlerStats, observer.transferResults());
        checks.add(new Check("Every call has exactly one outcome", outcomes.missing() == 0 && outcomes.duplicated() == 0,
                outcomes.missing() == 0 && outcomes.duplicated() == 0
                        ? "all " + (truth.size() - unseen.size()) + " calls call-ingest could see have one outcome on"
                                + " calls.outcomes.v1: " + outcomes.byResult()
                        : outcomes.missing() + " calls without an outcome, " + outcomes.duplicated()
                                + " with more than one (listed below)"));

        List<PlatformObserver.DeadLetter> deadLetters = observer.deadLetters();
        checks.add(new Check("Nothing dead-lettered", deadLetters.isEmpty() && observer.unreadable().isEmpty(),
                deadLetters.isEmpty() && observer.unreadable().isEmpty() ? "no record went to a dead-letter topic"
                        : deadLetters.size() + " dead-lettered, " + observer.unreadable().size() + " unreadable"));

        List<ContingencyDecision> decisions = new ArrayList<>();
        for (RoutingCommand c : observer.contingencyCommands()) {
            boolean engage = c.kind() == RoutingCommandKind.ENGAGE_CONTINGENCY;
            Double followed = switchChanges.stream().filter(sc -> sc.engaged() == engage && !sc.at().isBefore(c.issuedAt()))
                    .findFirst().map(sc -> (sc.at().toEpochMilli() - c.issuedAt().toEpochMilli()) / 1000.0).orElse(null);
            decisions.add(new ContingencyDecision(c.issuedAt(), LocalDateTime.ofInstant(c.issuedAt(), zone).toString(),
                    engage, c.reason(), c.issuedBy(), followed));
        }
        checks.add(contingencyCheck(scenario.expectContingency(), switchChanges, decisions));
        for (AppliedFault f : faults) {
            boolean ok = f.result() == null || !f.result().startsWith("did not come back");
            checks.add(new Check("Recovered from: " + f.fault(), ok, f.result() == null ? "applied" : f.result()));
        }

        IntervalFigures truthTotal = expected.values().stream().reduce(IntervalFigures.NONE, IntervalFigures::plus);
        IntervalFigures platformTotal = measured.values().stream().reduce(IntervalFigures.NONE, IntervalFigures::plus);
        if (scenario.requireTargets()) {
            boolean met = platformTotal.answerTargetMet() && platformTotal.abandonTargetMet();
            checks.add(new Check("Service level targets met", met, String.format(Locale.ROOT,
                    "answered within 60 s: %s (target 95%%); abandoned after 30 s: %s (target under 5%%)",
                    percent(platformTotal.answeredWithin60sShare()), percent(platformTotal.abandonedAfter30sShare()))));
        }
        boolean pass = checks.stream().allMatch(Check::passed);
        Instant first = truth.stream().map(CallTruth::arrivedAt).min(Instant::compareTo).orElse(null);
        return new DrillReport(scenario.name(), scenario.description(), scenario.provider(), scenario.region(),
                scenario.simulation().start.toLocalDateTime().toString(),
                scenario.simulation().start.plus(scenario.simulated()).toLocalDateTime().toString(), scenario.speed(),
                Math.round(wallSeconds * 10) / 10.0, pass ? "PASS" : "FAIL", checks, truthTotal.asMap(),
                platformTotal.asMap(), platformTotal.answeredWithin60sShare(), platformTotal.abandonedAfter30sShare(),
                intervals, decisions, List.copyOf(switchChanges), List.copyOf(faults),
                new WithoutContingency(withoutContingency.asMap(), withoutContingency.answeredWithin60sShare(),
                        withoutContingency.abandonedAfter30sShare()), outcomes,
                first == null ? 0 : truth.size(), lost.size(), lost, unseen, deadLetters);
    }

    private static Outcomes outcomes(List<CallTruth> truth, Map<String, PlatformObserver.ObservedCall> observed,
            Object handlerStats, Map<String, Long> transfers) {
        Map<String, Long> byResult = new TreeMap<>();
        Map<String, Long> groups = new TreeMap<>();
        Map<String, Long> types = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        long duplicated = 0;
        for (CallTruth call : truth) {
            String callId = callId(call);
            PlatformObserver.ObservedCall seen = observed.get(callId);
            if (seen == null || seen.outcomes.isEmpty()) {
                missing.add(callId + " (" + call.outcome().wireName() + ")");
                continue;
            }
            if (seen.outcomes.size() > 1) {
                duplicated++;
            }
            io.switchboard.events.CallOutcomeEvent o = seen.outcomes.get(0);
            byResult.merge(o.result().wireName(), 1L, Long::sum);
            if (o.disposition() != null) {
                groups.merge(o.disposition().group(), 1L, Long::sum);
            }
            if (o.service() != null && o.service().type() != null) {
                types.merge(o.service().type(), 1L, Long::sum);
            }
            if (seen.answeredSeenAt > 0 && seen.outcomeSeenAt > 0) {
                waits.add((seen.outcomeSeenAt - seen.answeredSeenAt) / 1000.0);
            }
        }
        long chosen = byResult.getOrDefault("service-chosen", 0L);
        long notFound = byResult.getOrDefault("no-service-found", 0L);
        java.util.Collections.sort(waits);
        return new Outcomes(byResult, groups, types, chosen + notFound == 0 ? null : (double) chosen / (chosen + notFound),
                quantile(waits, 0.5), quantile(waits, 0.95), missing.size(),
                missing.subList(0, Math.min(200, missing.size())), duplicated, handlerStats, transfers);
    }

    private static Double quantile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? null : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }

    private static Check contingencyCheck(DrillScenario.Expect expect, List<SwitchChange> changes,
            List<ContingencyDecision> decisions) {
        long engages = changes.stream().filter(SwitchChange::engaged).count();
        boolean endsReleased = changes.isEmpty() || !changes.get(changes.size() - 1).engaged();
        String story = decisions.isEmpty() ? "no contingency decision"
                : decisions.stream().map(d -> (d.engage() ? "engaged " : "released ") + d.localAt() + " (" + d.reason()
                        + ")").collect(Collectors.joining("; "));
        return switch (expect) {
            case ANY -> new Check("Contingency route (not required either way)", true, story);
            case NEVER -> new Check("Contingency never needed", engages == 0, story);
            case ENGAGED_AND_RELEASED -> new Check("Contingency engaged under pressure and released after",
                    engages > 0 && endsReleased, engages == 0 ? "the PBX's switch never engaged; " + story
                            : !endsReleased ? "still engaged at the end; " + story : story);
        };
    }

    /** The call id the platform gives this simulated call. */
    static String callId(CallTruth call) {
        return CallId.of(LocalPlatform.PBX_ID, call.linkedid());
    }

    static List<BlindWindow> blindWindows(List<AppliedFault> faults, ZoneId zone) {
        List<BlindWindow> windows = new ArrayList<>();
        for (AppliedFault f : faults) {
            if (f.blindFrom() != null) {
                windows.add(new BlindWindow(LocalDateTime.parse(f.blindFrom()).atZone(zone).toInstant(),
                        f.blindTo() == null ? Instant.MAX : LocalDateTime.parse(f.blindTo()).atZone(zone).toInstant()));
            }
        }
        return windows;
    }

    static String percent(Double share) {
        return share == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict);
        m.put("calls", callsOffered);
        m.put("lost", callsLost);
        m.put("unseenDuringOutages", unseen.size());
        m.put("answeredWithin60s", percent(answeredWithin60sShare));
        m.put("abandonedAfter30s", percent(abandonedAfter30sShare));
        m.put("abandonedAfter30sWithoutContingency", percent(withoutContingency.abandonedAfter30sShare()));
        return m;
    }
}
