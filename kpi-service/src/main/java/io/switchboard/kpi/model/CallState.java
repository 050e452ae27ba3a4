package io.switchboard.kpi.model;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/** What the KPI topology remembers of one call: enough to count each call once and to know if it is waiting. */
public final class CallState {

    public Set<String> seenEventIds = new HashSet<>();
    /** What this call has already counted for the whole service (offered, answered...: once per call). */
    public EnumSet<KpiDelta.Kind> countedForService = EnumSet.noneOf(KpiDelta.Kind.class);
    /** The queue the caller waits in now, or null. */
    public String waitingIn;
    public long waitingSince;
    /** Latest time the caller left a queue (answer, abandon, timeout) or the call ended. */
    public long lastExitAt = Long.MIN_VALUE;
    /** When the call ended (0 while in progress): kept a while after, so late duplicates are still recognised. */
    public long endedAt;
}
