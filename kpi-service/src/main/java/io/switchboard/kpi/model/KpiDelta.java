package io.switchboard.kpi.model;

/**
 * What one lifecycle event contributes to one group's KPIs, at the event's time.
 *
 * @param atMillis    event time
 * @param waitSeconds for ANSWERED and ABANDONED: the wait; for WAIT_STARTED: unused
 * @param callId      for the live waiting gauges and the list of abandoned calls
 * @param position    queue position when abandoned (0 when unknown)
 */
public record KpiDelta(GroupKey group, long atMillis, Kind kind, double waitSeconds, String callId, int position) {

    public enum Kind {
        OFFERED, ANSWERED, ABANDONED, TIMED_OUT, CONTINGENCY_ROUTED, TRANSFERRED_TO_CLINICIAN, WAIT_STARTED, WAIT_ENDED
    }

    public boolean isCounter() {
        return kind != Kind.WAIT_STARTED && kind != Kind.WAIT_ENDED;
    }
}
