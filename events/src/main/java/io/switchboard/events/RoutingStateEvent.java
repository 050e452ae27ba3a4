package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What the PBX actually did with a routing command, on {@link Topics#ROUTING_STATE}, keyed like the command.
 *
 * @param commandId          the command this answers
 * @param contingencyEngaged the contingency route's state after the command, for contingency commands
 * @param detail             what happened, e.g. "VarSet CONTINGENCY=1 observed" or the PBX's error message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingStateEvent(
        String eventId,
        String commandId,
        RoutingCommandKind kind,
        RoutingResult result,
        String region,
        String queue,
        String callId,
        String pbxId,
        Boolean contingencyEngaged,
        String detail,
        Instant observedAt) {

    public String cloudEventType() {
        return EventTypes.routingState(result);
    }
}
