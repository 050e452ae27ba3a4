package io.switchboard.kpi.policy;

import java.util.Map;

/** A change of a region's contingency state, with the reason and the figures behind it. */
public record Decision(boolean engage, String reason, Map<String, Double> figures) {
}
