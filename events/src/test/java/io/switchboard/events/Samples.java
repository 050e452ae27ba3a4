package io.switchboard.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic events of every type, built the way the services build them. */
final class Samples {

    static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser("test-only-key-0123456789abcdef");
    static final String PBX = "pbx-leeds-1";
    static final String CALL_ID = CallId.of(PBX, "1718960000.1234");
    static final String CALLER_NUMBER = "+44 7700 900123";
    static final String CALLER = PSEUDONYMISER.caller(CALLER_NUMBER);
    static final String AGENT = PSEUDONYMISER.agent("PJSIP/ch-1042");
    static final String CLINICIAN = PSEUDONYMISER.agent("PJSIP/cl-2007");
    /** Nanosecond precision on purpose: Instant.toString() writes nine fractional digits. */
    static final Instant OFFERED = Instant.parse("2025-06-21T09:13:20.123456789Z");
    static final String PROVIDER = "demo-111";
    static final String REGION = "yorkshire";

    private Samples() {
    }

    static CallLifecycleEvent lifecycle(CallStep step) {
        int sequence = step.ordinal() + 1;
        Instant at = OFFERED.plusSeconds(10L * sequence);
        String eventId = CALL_ID + ":" + sequence;
        return switch (step) {
            case OFFERED -> new CallLifecycleEvent(eventId, CALL_ID, step, 1, OFFERED, PBX, PROVIDER, REGION,
                    null, null, CALLER, null, null, null, null, null);
            case QUEUED -> new CallLifecycleEvent(eventId, CALL_ID, step, sequence, at, PBX, PROVIDER, REGION,
                    "call-handler", null, CALLER, null, null, 3, null, null);
            case ANSWERED -> new CallLifecycleEvent(eventId, CALL_ID, step, sequence, at, PBX, PROVIDER, REGION,
                    "call-handler", AGENT, CALLER, 42.5, null, null, null, null);
            case ABANDONED -> new CallLifecycleEvent(eventId, CALL_ID, step, sequence, at, PBX, PROVIDER, REGION,
                    "call-handler", null, CALLER, 61.0, null, 2, null, null);
            case TIMED_OUT -> new CallLifecycleEvent(eventId, CALL_ID, step, sequence, at, PBX, PROVIDER, REGION,
                    "call-handler", null, null, 600.0, null, null, null, null);
            case TRANSFERRED -> new CallLifecycleEvent(eventId, CALL_ID, step, sequence, at, PBX, PROVIDER, REGION,
                    "call-handler", AGENT, CALLER, null, 312.25, null, "clinician", null);
            case CONTINGENCY_ROUTED -> new CallLifecycleEvent(eventId, CALL_ID, step, sequence, at, PBX, PROVIDER,
                    REGION, "call-handler", null, CALLER, 240.0, null, null, null, "switch-engaged");
            case ENDED -> new CallLifecycleEvent(eventId, CALL_ID, step, sequence, at, PBX, PROVIDER, REGION,
                    "clinician", CLINICIAN, CALLER, null, 845.0, null, null, "caller-hangup");
        };
    }

    static AgentStateEvent agent(AgentState state) {
        return new AgentStateEvent("agent-event-" + state.ordinal(), AGENT, state, OFFERED.plusSeconds(state.ordinal()),
                PBX, PROVIDER, REGION, state == AgentState.LOGGED_OUT ? null : "call-handler",
                state == AgentState.PAUSED ? "Lunch" : null);
    }

    static Disposition disposition() {
        return new Disposition("Dx11", "Speak to a primary care service within 2 hours", 120, "primary-care",
                "primary-care");
    }

    static TriageOutcomeEvent triage(TriageStatus status) {
        boolean reached = status == TriageStatus.DISPOSITION_REACHED;
        return new TriageOutcomeEvent("asm-5f1c2e:outcome", CALL_ID, "asm-5f1c2e", status,
                reached ? disposition() : null, reached ? null : "call-ended", "PW-chest-pain", "demo-3",
                OFFERED.plusSeconds(50), OFFERED.plusSeconds(568), AGENT,
                new TriageOutcomeEvent.Patient(54, "female"),
                reached ? new TriageOutcomeEvent.Location("LS1 4AP", 53.7965, -1.5478)
                        : new TriageOutcomeEvent.Location(null, 53.7965, -1.5478),
                true);
    }

    static CallOutcomeEvent outcome(CallOutcomeEvent.Result result) {
        boolean answered = result != CallOutcomeEvent.Result.ABANDONED && result != CallOutcomeEvent.Result.CONTINGENCY;
        boolean triaged = result == CallOutcomeEvent.Result.SERVICE_CHOSEN
                || result == CallOutcomeEvent.Result.NO_SERVICE_NEEDED
                || result == CallOutcomeEvent.Result.NO_SERVICE_FOUND;
        return new CallOutcomeEvent(CALL_ID + ":outcome", CALL_ID, PROVIDER, REGION, result, OFFERED,
                answered ? OFFERED.plusSeconds(43) : null,
                answered ? OFFERED.plusSeconds(568) : null,
                OFFERED.plusSeconds(600),
                triaged ? disposition() : null,
                result == CallOutcomeEvent.Result.SERVICE_CHOSEN
                        ? new CallOutcomeEvent.ChosenService("svc-000123", "Leeds GP Out of Hours", "gp-out-of-hours",
                                "electronic", 2.4)
                        : null,
                result == CallOutcomeEvent.Result.NO_SERVICE_FOUND ? "No suitable service open within 30 km" : null,
                CALLER);
    }

    static KpiSnapshotEvent kpi() {
        Instant start = Instant.parse("2025-06-21T09:00:00Z");
        return new KpiSnapshotEvent("kpi-" + start, PROVIDER, REGION, "call-handler", KpiWindow.FIXED_15M, start,
                start.plusSeconds(900), start.plusSeconds(902),
                new KpiSnapshotEvent.Figures(120, 104, 91, 0.875, 9, 5, 0.0417, 4, 3, 2, 27.3, 1, 0, 18, 6, 74.0));
    }

    /** A snapshot with no answered calls: the shares and averages are absent. */
    static KpiSnapshotEvent quietKpi() {
        Instant start = Instant.parse("2025-06-21T03:00:00Z");
        return new KpiSnapshotEvent("kpi-" + start, PROVIDER, REGION, "clinician", KpiWindow.ROLLING_15M, start,
                start.plusSeconds(900), start.plusSeconds(300),
                new KpiSnapshotEvent.Figures(0, 0, 0, null, 0, 0, null, 0, 0, 0, null, 0, 0, 0, 0, null));
    }

    static RoutingCommand command(RoutingCommandKind kind) {
        return switch (kind) {
            case ENGAGE_CONTINGENCY -> new RoutingCommand("cmd-1", kind, REGION, null, null, null,
                    "longest wait 312 s > 240 s", orderedMap("longestWaitSeconds", 312.0, "waitingNow", 41.0), "policy",
                    OFFERED, null);
            case RELEASE_CONTINGENCY -> new RoutingCommand("cmd-2", kind, REGION, "call-handler", null, null,
                    "operator override", null, "user:duty-manager", OFFERED.plusSeconds(3600), true);
            case TRANSFER_CALL -> new RoutingCommand("cmd-3", kind, null, null, CALL_ID, "clinician",
                    "clinical callback needed", null, "triage", OFFERED.plusSeconds(300), null);
        };
    }

    static RoutingStateEvent state(RoutingCommandKind kind, RoutingResult result) {
        boolean transfer = kind == RoutingCommandKind.TRANSFER_CALL;
        return new RoutingStateEvent("state-" + kind.ordinal() + "-" + result.ordinal(), "cmd-" + kind.ordinal(), kind,
                result, transfer ? null : REGION, null, transfer ? CALL_ID : null, PBX,
                transfer ? null : kind == RoutingCommandKind.ENGAGE_CONTINGENCY,
                result == RoutingResult.FAILED ? "Response: Error, Message: No such channel" : "observed",
                OFFERED.plusSeconds(1));
    }

    /** Every sample, by topic: every step, state, status, result, kind and routing result. */
    static Map<String, List<Object>> byTopic() {
        Map<String, List<Object>> all = new LinkedHashMap<>();
        all.put(Topics.CALLS_LIFECYCLE, new ArrayList<>(Arrays.stream(CallStep.values()).map(Samples::lifecycle).toList()));
        all.put(Topics.AGENTS_STATE, new ArrayList<>(Arrays.stream(AgentState.values()).map(Samples::agent).toList()));
        all.put(Topics.TRIAGE_OUTCOMES, new ArrayList<>(Arrays.stream(TriageStatus.values()).map(Samples::triage).toList()));
        all.put(Topics.CALLS_OUTCOMES,
                new ArrayList<>(Arrays.stream(CallOutcomeEvent.Result.values()).map(Samples::outcome).toList()));
        all.put(Topics.KPI_SNAPSHOTS, new ArrayList<>(List.of(kpi(), quietKpi())));
        all.put(Topics.ROUTING_COMMANDS,
                new ArrayList<>(Arrays.stream(RoutingCommandKind.values()).map(Samples::command).toList()));
        List<Object> states = new ArrayList<>();
        for (RoutingCommandKind kind : RoutingCommandKind.values()) {
            for (RoutingResult result : RoutingResult.values()) {
                states.add(state(kind, result));
            }
        }
        all.put(Topics.ROUTING_STATE, states);
        return all;
    }

    private static Map<String, Double> orderedMap(String k1, Double v1, String k2, Double v2) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
