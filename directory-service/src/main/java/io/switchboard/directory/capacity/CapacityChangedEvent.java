package io.switchboard.directory.capacity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.directory.model.Capacity;
import io.switchboard.directory.model.CapacityState;
import java.time.Instant;

/**
 * A service's capacity changed: the payload of directory-service's own topic
 * {@value CapacityService#TOPIC} (keyed by serviceId, compacted), not a contract topic.
 *
 * @param setBy   {@code user:<name>} of the service manager, or {@code automatic-reset}
 * @param resetAt when an amber or red goes back to green by itself; absent when it stays until changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityChangedEvent(String eventId, String serviceId, String status, String previousStatus,
        String setBy, Instant setAt, Instant resetAt, String reason) {

    public CapacityState state() {
        return new CapacityState(Capacity.parse(status), setBy, setAt, resetAt, reason);
    }
}
