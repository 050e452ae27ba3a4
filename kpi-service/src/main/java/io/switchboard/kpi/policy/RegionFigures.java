package io.switchboard.kpi.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the policy looks at for one region: live gauges and the rolling 15-minute answer figures. */
public record RegionFigures(long waitingNow, double longestWaitSeconds, long answered, long answeredWithin60s,
        long offered, long abandonedAfter30s) {

    public Double answeredWithin60sShare() {
        return answered == 0 ? null : (double) answeredWithin60s / answered;
    }

    /** The figures behind a decision, as published on the routing command. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("waitingNow", (double) waitingNow);
        map.put("longestWaitSeconds", longestWaitSeconds);
        map.put("answered15m", (double) answered);
        map.put("answeredWithin60s15m", (double) answeredWithin60s);
        if (answeredWithin60sShare() != null) {
            map.put("answeredWithin60sShare15m", answeredWithin60sShare());
        }
        map.put("offered15m", (double) offered);
        map.put("abandonedAfter30s15m", (double) abandonedAfter30s);
        return map;
    }
}
