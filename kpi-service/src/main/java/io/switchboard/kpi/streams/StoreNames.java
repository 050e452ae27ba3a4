package io.switchboard.kpi.streams;

/** The topology's state stores (queried by the REST API) and its internal topic. */
public final class StoreNames {

    /** callId -> what is known of the call (dedupe, waiting). */
    public static final String CALLS = "kpi-calls";
    /** endedAt|callId -> "" : finished calls in the order they may be forgotten. */
    public static final String CALL_EXPIRY = "kpi-call-expiry";
    /** group|minuteStart -> KpiCounts. */
    public static final String MINUTES = "kpi-minutes";
    /** group -> callers waiting now. */
    public static final String WAITING = "kpi-waiting";
    /** region|abandonedAt|callId -> AbandonedCall. */
    public static final String ABANDONED = "kpi-abandoned";
    /** region -> routing state decided by kpi-service. */
    public static final String ROUTING = "kpi-routing";
    /** region -> operator override (global store). */
    public static final String OVERRIDES = "kpi-overrides";
    /** Operators' pins (engage/release forced until cleared), keyed by region: internal to kpi-service. */
    public static final String OVERRIDES_TOPIC = "kpi-service.routing-overrides";

    private StoreNames() {
    }
}
