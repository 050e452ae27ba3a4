package io.switchboard.directory.model;

import java.time.Instant;

/**
 * A service's capacity as set by a service manager (or reset automatically).
 *
 * @param resetAt when a manual amber or red goes back to green by itself; null when it stays until changed
 */
public record CapacityState(Capacity status, String setBy, Instant setAt, Instant resetAt, String reason) {

    /** No row: a service nobody has set is green. */
    public static final CapacityState DEFAULT = new CapacityState(Capacity.GREEN, "default", Instant.EPOCH, null, null);

    /** The capacity in force at {@code at}: an amber or red whose reset time has come is green again. */
    public Capacity effectiveAt(Instant at) {
        if (resetAt != null && !at.isBefore(resetAt)) {
            return Capacity.GREEN;
        }
        return status;
    }

    /** Newer wins: changes reach an instance from its own API, the capacity topic and the database poll. */
    public boolean isNewerThan(CapacityState other) {
        return other == null || setAt.isAfter(other.setAt);
    }
}
