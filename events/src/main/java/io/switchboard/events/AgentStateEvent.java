package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A call handler's or clinician's state, on {@link Topics#AGENTS_STATE}, keyed by {@code agentId}.
 *
 * @param agentId  pseudonymous id of the queue member (keyed hash of its interface)
 * @param queue    the queue concerned, or absent when the change applies to every queue
 * @param reason   the pause reason as entered on the PBX (for example "Lunch"), when paused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentStateEvent(
        String eventId,
        String agentId,
        AgentState state,
        Instant occurredAt,
        String pbxId,
        String provider,
        String region,
        String queue,
        String reason) {

    public String cloudEventType() {
        return EventTypes.agentState(state);
    }
}
