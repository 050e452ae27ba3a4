package io.switchboard.callingest.lifecycle;

import java.util.Map;

/**
 * Which provider and region a call belongs to, from the number the caller dialled or the trunk it came in on
 * (configured per deployment), falling back to the PBX's defaults.
 */
public final class LineDirectory {

    public record Line(String provider, String region) {
    }

    private final Line defaultLine;
    private final Map<String, Line> byDialledNumber;
    private final Map<String, Line> byTrunk;

    public LineDirectory(Line defaultLine, Map<String, Line> byDialledNumber, Map<String, Line> byTrunk) {
        this.defaultLine = defaultLine;
        this.byDialledNumber = Map.copyOf(byDialledNumber);
        this.byTrunk = Map.copyOf(byTrunk);
    }

    public static LineDirectory single(String provider, String region) {
        return new LineDirectory(new Line(provider, region), Map.of(), Map.of());
    }

    /**
     * @param dialledNumber the Exten of the caller's first channel, e.g. 111
     * @param channel       the caller's channel, e.g. PJSIP/trunk-00000007 (its endpoint is "trunk")
     */
    public Line lineFor(String dialledNumber, String channel) {
        if (dialledNumber != null && byDialledNumber.containsKey(dialledNumber)) {
            return byDialledNumber.get(dialledNumber);
        }
        String trunk = endpointOf(channel);
        if (trunk != null && byTrunk.containsKey(trunk)) {
            return byTrunk.get(trunk);
        }
        return defaultLine;
    }

    public Line defaultLine() {
        return defaultLine;
    }

    /** PJSIP/trunk-00000007 -> trunk; Local/200@ctx-0000;2 -> null. */
    static String endpointOf(String channel) {
        if (channel == null) {
            return null;
        }
        int slash = channel.indexOf('/');
        int dash = channel.lastIndexOf('-');
        if (slash < 0 || dash <= slash || channel.startsWith("Local/")) {
            return null;
        }
        return channel.substring(slash + 1, dash);
    }
}
