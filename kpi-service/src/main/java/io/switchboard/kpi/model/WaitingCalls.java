package io.switchboard.kpi.model;

import java.util.HashMap;
import java.util.Map;

/** The callers waiting now in one group, with when each started waiting: the live gauges. */
public final class WaitingCalls {

    public Map<String, Long> since = new HashMap<>();

    public int count() {
        return since.size();
    }

    /** Seconds the longest-waiting caller has waited at {@code nowMillis}, or null when nobody waits. */
    public Double longestWaitSeconds(long nowMillis) {
        long oldest = Long.MAX_VALUE;
        for (long t : since.values()) {
            oldest = Math.min(oldest, t);
        }
        return oldest == Long.MAX_VALUE ? null : Math.max(0, nowMillis - oldest) / 1000.0;
    }
}
