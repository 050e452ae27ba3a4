package io.switchboard.kpi.model;

import java.util.List;

/**
 * The contributions of one lifecycle event, sent on together: they all concern the same provider, region and call,
 * so one repartition record carries them (three times fewer records, and the names encoded once).
 */
public record DeltaBatch(String provider, String region, String callId, List<KpiDelta> deltas) {
}
