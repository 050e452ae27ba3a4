package io.switchboard.callingest.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.InvalidEventException;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads routing.commands.v1. A command that is not valid JSON or does not match the contract's schema is refused
 * with the reason, and the messaging layer moves it to routing.commands.v1.dlq (failure-strategy=dead-letter-queue).
 */
@ApplicationScoped
public class RoutingCommandConsumer {

    private final RoutingExecutor executor;

    RoutingCommandConsumer(RoutingExecutor executor) {
        this.executor = executor;
    }

    @Incoming("routing-commands")
    @Blocking(ordered = true)
    public void onCommand(byte[] payload) {
        executor.execute(parse(payload));
    }

    static RoutingCommand parse(byte[] payload) {
        JsonNode tree = EventJson.readTree(payload == null ? new byte[0] : payload);
        EventSchemas.requireValid(Topics.ROUTING_COMMANDS, tree);
        try {
            return EventJson.mapper().treeToValue(tree, RoutingCommand.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid RoutingCommand: " + e.getOriginalMessage(), e);
        }
    }
}
