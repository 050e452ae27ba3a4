package io.switchboard.events;

/**
 * CloudEvents {@code type} values. Each starts with the topic it belongs to and, where the topic carries several
 * kinds of event, ends with the kind, so a consumer can filter on the header alone.
 */
public final class EventTypes {

    public static final String PREFIX = "io.switchboard.";
    public static final String CALL_OUTCOME = PREFIX + "calls.outcomes.v1.outcome";
    public static final String KPI_SNAPSHOT = PREFIX + "kpi.snapshots.v1.snapshot";

    private EventTypes() {
    }

    public static String callLifecycle(CallStep step) {
        return PREFIX + Topics.CALLS_LIFECYCLE + "." + step.wireName();
    }

    public static String agentState(AgentState state) {
        return PREFIX + Topics.AGENTS_STATE + "." + state.wireName();
    }

    public static String triageOutcome(TriageStatus status) {
        return PREFIX + Topics.TRIAGE_OUTCOMES + "." + status.wireName();
    }

    public static String routingCommand(RoutingCommandKind kind) {
        return PREFIX + Topics.ROUTING_COMMANDS + "." + kind.wireName();
    }

    public static String routingState(RoutingResult result) {
        return PREFIX + Topics.ROUTING_STATE + "." + result.wireName();
    }
}
