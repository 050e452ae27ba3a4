package io.switchboard.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.CallTruth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NHS 111 call figures of one 15-minute interval, counted the way kpi-service counts them (docs/kpis.md): each
 * step at its own time, waits in the PBX's whole seconds.
 */
record IntervalFigures(long offered, long answered, long answeredWithin60s, long abandoned, long abandonedAfter30s,
        long timedOut, long contingencyRouted) {

    static final long INTERVAL_MILLIS = 15 * 60_000L;
    static final IntervalFigures NONE = new IntervalFigures(0, 0, 0, 0, 0, 0, 0);
    /** The figures compared, by name, in report order. */
    static final List<String> NAMES = List.of("offered", "answered", "answeredWithin60s", "abandoned",
            "abandonedAfter30s", "timedOut", "contingencyRouted");

    static Instant intervalOf(Instant at) {
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), INTERVAL_MILLIS) * INTERVAL_MILLIS);
    }

    /** The ground truth of the simulator, per interval. */
    static TreeMap<Instant, IntervalFigures> fromTruth(List<CallTruth> calls) {
        TreeMap<Instant, long[]> counts = new TreeMap<>();
        for (CallTruth call : calls) {
            add(counts, call.arrivedAt(), 0);
            Integer hold = call.pbxHoldTime();
            switch (call.outcome()) {
                case ANSWERED, TRANSFERRED -> {
                    Instant answeredAt = instant(call, "answeredAt");
                    add(counts, answeredAt, 1);
                    if (hold != null && hold <= 60) {
                        add(counts, answeredAt, 2);
                    }
                }
                case ABANDONED -> {
                    Instant endedAt = instant(call, "endedAt");
                    add(counts, endedAt, 3);
                    if (hold != null && hold > 30) {
                        add(counts, endedAt, 4);
                    }
                }
                case TIMED_OUT -> {
                    add(counts, instant(call, "contingencyAt"), 5);
                    add(counts, instant(call, "contingencyAt"), 6);
                }
                case CONTINGENCY -> add(counts, instant(call, "contingencyAt"), 6);
            }
        }
        TreeMap<Instant, IntervalFigures> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, new IntervalFigures(c[0], c[1], c[2], c[3], c[4], c[5], c[6])));
        return out;
    }

    private static void add(TreeMap<Instant, long[]> counts, Instant at, int figure) {
        counts.computeIfAbsent(intervalOf(at), k -> new long[NAMES.size()])[figure]++;
    }

    private static Instant instant(CallTruth call, String field) {
        Object value = call.get(field);
        if (value == null) {
            throw new IllegalStateException("call " + call.linkedid() + " (" + call.outcome().wireName()
                    + ") has no " + field + " in the ground truth");
        }
        return Instant.parse(value.toString());
    }

    /** kpi-service's fixed 15-minute history ({@code GET /kpis/history?window=fixed-15m}), per interval. */
    static TreeMap<Instant, IntervalFigures> fromKpiHistory(JsonNode history) {
        TreeMap<Instant, IntervalFigures> out = new TreeMap<>();
        for (JsonNode group : history) {
            JsonNode f = group.get("figures");
            out.put(Instant.parse(group.get("start").asText()), new IntervalFigures(f.get("offered").asLong(),
                    f.get("answered").asLong(), f.get("answeredWithin60s").asLong(), f.get("abandoned").asLong(),
                    f.get("abandonedAfter30s").asLong(), f.get("timedOut").asLong(),
                    f.get("contingencyRouted").asLong()));
        }
        return out;
    }

    Map<String, Long> asMap() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("offered", offered);
        m.put("answered", answered);
        m.put("answeredWithin60s", answeredWithin60s);
        m.put("abandoned", abandoned);
        m.put("abandonedAfter30s", abandonedAfter30s);
        m.put("timedOut", timedOut);
        m.put("contingencyRouted", contingencyRouted);
        return m;
    }

    IntervalFigures plus(IntervalFigures o) {
        return new IntervalFigures(offered + o.offered, answered + o.answered, answeredWithin60s + o.answeredWithin60s,
                abandoned + o.abandoned, abandonedAfter30s + o.abandonedAfter30s, timedOut + o.timedOut,
                contingencyRouted + o.contingencyRouted);
    }

    /** Share of answered calls answered within 60 s; null when nothing was answered. */
    Double answeredWithin60sShare() {
        return answered == 0 ? null : (double) answeredWithin60s / answered;
    }

    /** Share of offered calls abandoned after waiting more than 30 s; null when nothing was offered. */
    Double abandonedAfter30sShare() {
        return offered == 0 ? null : (double) abandonedAfter30s / offered;
    }

    /** The 95% answered within 60 s target (an interval with nothing answered cannot miss it). */
    boolean answerTargetMet() {
        Double share = answeredWithin60sShare();
        return share == null || share >= 0.95;
    }

    /** The under 5% abandoned after 30 s target. */
    boolean abandonTargetMet() {
        Double share = abandonedAfter30sShare();
        return share == null || share < 0.05;
    }
}
