package io.switchboard.kpi.model;

import java.util.HashMap;
import java.util.Map;

/**
 * How far each lifecycle partition has got, so that a waiting caller's wait is measured on the clock of the
 * partition that carries the call's events.
 *
 * <p>Each lifecycle partition is processed by its own task, and the tasks are not kept in step: one partition can
 * run seconds ahead of another (a slow fetch, a restart, a rebalance). The region's aggregate sees their outputs
 * interleaved, so its stream time is the most advanced partition's. Measured against that, a caller on a lagging
 * partition who joined a minute earlier and was answered since (the answer is still unread) would look as if they
 * had waited for as long as the lag, and could engage the contingency route on a wait that never happened. A
 * drill found exactly that: "longest wait 331 s" on a queue with a 20 s timeout.
 *
 * <p>Kept in memory only: after a restart, until a call's partition is heard from again, its wait falls back to the
 * aggregate's own clock (the earlier behaviour).
 */
public final class SourceClocks {

    private record Clock(long eventTime, long wallAt) {
    }

    private final Map<Integer, Clock> clocks = new HashMap<>();
    private final Map<String, Integer> sourceOfWaitingCall = new HashMap<>();

    /** A record from lifecycle partition {@code source}, whose task's stream time was {@code eventTime}. */
    public void heard(int source, long eventTime, long wallNow) {
        Clock c = clocks.get(source);
        if (c == null || eventTime >= c.eventTime) {
            clocks.put(source, new Clock(eventTime, wallNow));
        }
    }

    public void waitStarted(String callId, int source) {
        sourceOfWaitingCall.put(callId, source);
    }

    public void waitEnded(String callId) {
        sourceOfWaitingCall.remove(callId);
    }

    /**
     * The time to measure a waiting call's wait at: its partition's stream time carried forward by the wall clock
     * since that partition was last heard from, never later than {@code aggregateNow}.
     */
    public long nowFor(String callId, long aggregateNow, long wallNow) {
        Integer source = sourceOfWaitingCall.get(callId);
        Clock c = source == null ? null : clocks.get(source);
        if (c == null) {
            return aggregateNow;
        }
        return Math.min(aggregateNow, c.eventTime + Math.max(0, wallNow - c.wallAt));
    }

    /** Seconds the longest-waiting of these callers has waited, each on its own partition's clock; null if none. */
    public Double longestWaitSeconds(WaitingCalls calls, long aggregateNow, long wallNow) {
        double longest = -1;
        for (Map.Entry<String, Long> e : calls.since.entrySet()) {
            long now = nowFor(e.getKey(), aggregateNow, wallNow);
            longest = Math.max(longest, Math.max(0, now - e.getValue()) / 1000.0);
        }
        return longest < 0 ? null : longest;
    }
}
