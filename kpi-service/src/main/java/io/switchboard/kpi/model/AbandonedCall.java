package io.switchboard.kpi.model;

/** One abandoned call, for the per-call list of a period (callers who gave up, and how long they had waited). */
public record AbandonedCall(String callId, String provider, String region, String queue, long abandonedAtMillis,
        double waitSeconds, int position) {
}
