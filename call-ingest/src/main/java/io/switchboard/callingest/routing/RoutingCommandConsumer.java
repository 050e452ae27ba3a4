package io.switchboard.callingest.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.InvalidEventException;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.Topics;
import io.switchboard.tracing.KafkaTracing;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads routing.commands.v1. A command that is not valid JSON or does not match the contract's schema is refused
 * with the reason, and the messaging layer moves it to routing.commands.v1.dlq (failure-strategy=dead-letter-queue).
 * Carrying a command out is a span under the messaging layer's receive span, which continues the trace of the
 * record's {@code traceparent}: the call's trace for a transfer, the decision's own for contingency.
 */
@ApplicationScoped
public class RoutingCommandConsumer {

    private final RoutingExecutor executor;
    private final Tracer tracer;

    RoutingCommandConsumer(RoutingExecutor executor, OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
        this.executor = executor;
        this.tracer = KafkaTracing.tracer(openTelemetry, tracingOff);
    }

    @Incoming("routing-commands")
    @Blocking(ordered = true)
    public void onCommand(byte[] payload) {
        RoutingCommand command = parse(payload);
        KafkaTracing.within(KafkaTracing.event(KafkaTracing.span(tracer, SpanKind.CONSUMER, Topics.ROUTING_COMMANDS,
                        "process", Context.current()), command.commandId(), command.cloudEventType())
                .setAttribute(KafkaTracing.CALL_ID, command.callId()).startSpan(), () -> executor.execute(command));
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
