package io.switchboard.kpi.model;

import io.switchboard.events.KpiSnapshotEvent;

/**
 * The additive KPI counters of one group over some interval (a minute bucket, or a sum of them). Definitions follow
 * the NHS 111 Minimum Data Set and IUC ADC (docs/kpis.md): answered within 60 s counts waits of 60 s or less; an
 * abandon counts against the 5% target only when the caller waited more than 30 s; a queue timeout is not an abandon.
 */
public final class KpiCounts {

    public long offered;
    public long answered;
    public long answeredWithin60s;
    public double answeredWaitSeconds;
    public long abandonedUpTo30s;
    public long abandoned30To60s;
    public long abandonedOver60s;
    public long timedOut;
    public long contingencyRouted;
    public long transferredToClinician;

    public KpiCounts add(KpiCounts other) {
        offered += other.offered;
        answered += other.answered;
        answeredWithin60s += other.answeredWithin60s;
        answeredWaitSeconds += other.answeredWaitSeconds;
        abandonedUpTo30s += other.abandonedUpTo30s;
        abandoned30To60s += other.abandoned30To60s;
        abandonedOver60s += other.abandonedOver60s;
        timedOut += other.timedOut;
        contingencyRouted += other.contingencyRouted;
        transferredToClinician += other.transferredToClinician;
        return this;
    }

    public void apply(KpiDelta delta) {
        switch (delta.kind()) {
            case OFFERED -> offered++;
            case ANSWERED -> {
                answered++;
                answeredWaitSeconds += delta.waitSeconds();
                if (delta.waitSeconds() <= 60) {
                    answeredWithin60s++;
                }
            }
            case ABANDONED -> {
                if (delta.waitSeconds() <= 30) {
                    abandonedUpTo30s++;
                } else if (delta.waitSeconds() <= 60) {
                    abandoned30To60s++;
                } else {
                    abandonedOver60s++;
                }
            }
            case TIMED_OUT -> timedOut++;
            case CONTINGENCY_ROUTED -> contingencyRouted++;
            case TRANSFERRED_TO_CLINICIAN -> transferredToClinician++;
            case WAIT_STARTED, WAIT_ENDED -> {
                // live gauges, not counters
            }
        }
    }

    public long abandoned() {
        return abandonedUpTo30s + abandoned30To60s + abandonedOver60s;
    }

    public long abandonedAfter30s() {
        return abandoned30To60s + abandonedOver60s;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return offered == 0 && answered == 0 && abandoned() == 0 && timedOut == 0 && contingencyRouted == 0
                && transferredToClinician == 0;
    }

    /** Shares are null when their denominator is zero (no calls answered / offered). */
    public KpiSnapshotEvent.Figures figures(long waitingNow, Double longestWaitSeconds) {
        return new KpiSnapshotEvent.Figures(offered, answered, answeredWithin60s,
                answered == 0 ? null : (double) answeredWithin60s / answered,
                abandoned(), abandonedAfter30s(), offered == 0 ? null : (double) abandonedAfter30s() / offered,
                abandonedUpTo30s, abandoned30To60s, abandonedOver60s,
                answered == 0 ? null : answeredWaitSeconds / answered,
                timedOut, contingencyRouted, transferredToClinician, waitingNow, longestWaitSeconds);
    }
}
