package io.switchboard.kpi.policy;

import java.time.Instant;

/**
 * An operator's pin on a region: contingency forced engaged or released until cleared. A cleared pin is a null
 * (tombstone) on the overrides topic.
 *
 * @param engage true to force contingency on, false to force it off
 */
public record OperatorPin(String region, boolean engage, String by, String reason, Instant at, String commandId) {
}
