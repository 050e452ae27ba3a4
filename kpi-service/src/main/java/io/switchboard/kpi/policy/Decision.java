package io.switchboard.kpi.policy;

import java.time.Duration;
import java.util.Map;

/**
 * A change of a region's contingency state, with the reason and the figures behind it.
 *
 * @param holdDown for an engagement, how long it is held at least; null for a release
 */
public record Decision(boolean engage, String reason, Map<String, Double> figures, Duration holdDown) {
}
