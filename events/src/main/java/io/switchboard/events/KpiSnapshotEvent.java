package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * KPI figures for one provider, region and queue over one window, on {@link Topics#KPI_SNAPSHOTS}, keyed by
 * {@code provider/region/queue/window/windowStart}. Definitions: docs/kpis.md (NHS 111 Minimum Data Set, IUC ADC).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiSnapshotEvent(
        String eventId,
        String provider,
        String region,
        String queue,
        KpiWindow window,
        Instant windowStart,
        Instant windowEnd,
        Instant computedAt,
        Figures figures) {

    public String cloudEventType() {
        return EventTypes.KPI_SNAPSHOT;
    }

    public String key() {
        return String.join("/", provider, region, queue, window.wireName(), windowStart.toString());
    }

    /**
     * Counts are calls; shares are 0..1 and absent when their denominator is zero.
     *
     * @param answeredWithin60sShare      answered within 60 s of queueing / answered
     * @param abandonedAfter30sShare      abandoned after waiting more than 30 s / offered
     * @param averageSpeedOfAnswerSeconds mean wait of answered calls
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(
            long offered,
            long answered,
            long answeredWithin60s,
            Double answeredWithin60sShare,
            long abandoned,
            long abandonedAfter30s,
            Double abandonedAfter30sShare,
            long abandonedUpTo30s,
            long abandoned30To60s,
            long abandonedOver60s,
            Double averageSpeedOfAnswerSeconds,
            long timedOut,
            long contingencyRouted,
            long transferredToClinician,
            long waitingNow,
            Double longestWaitSeconds) {
    }
}
