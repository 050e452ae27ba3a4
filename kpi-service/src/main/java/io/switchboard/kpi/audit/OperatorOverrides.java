package io.switchboard.kpi.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.events.Topics;
import io.switchboard.kpi.policy.OperatorPin;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Operators forcing a region's contingency state: the pin goes on kpi-service's overrides topic (the policy stops
 * deciding for that region until it is cleared) and the command on routing.commands.v1 for the PBX. Both writes
 * are acknowledged by Kafka before the operator gets an answer.
 */
@ApplicationScoped
public class OperatorOverrides {

    private final MutinyEmitter<byte[]> commands;
    private final MutinyEmitter<byte[]> pins;
    private final DecisionAudit audit;
    private final MeterRegistry metrics;

    OperatorOverrides(@Channel("routing-commands-out") MutinyEmitter<byte[]> commands,
            @Channel("routing-overrides-out") MutinyEmitter<byte[]> pins, DecisionAudit audit, MeterRegistry metrics) {
        this.commands = commands;
        this.pins = pins;
        this.audit = audit;
        this.metrics = metrics;
    }

    public RoutingCommand pin(String region, boolean engage, String operator, String reason) {
        Instant now = Instant.now();
        String commandId = UUID.randomUUID().toString();
        String by = "user:" + operator;
        pins.sendMessageAndAwait(Message.of(EventJson.toBytes(new OperatorPin(region, engage, by, reason, now,
                commandId))).addMetadata(OutgoingKafkaRecordMetadata.builder().withKey(region).build()));
        RoutingCommand command = new RoutingCommand(commandId,
                engage ? RoutingCommandKind.ENGAGE_CONTINGENCY : RoutingCommandKind.RELEASE_CONTINGENCY, region, null,
                null, null, reason, Map.of(), by, now, true);
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, new CloudEventHeaders.Envelope(commandId, "/switchboard/kpi-service",
                command.cloudEventType(), now, region, CloudEventHeaders.dataSchemaOf(Topics.ROUTING_COMMANDS)));
        commands.sendMessageAndAwait(Message.of(EventJson.toBytes(command)).addMetadata(OutgoingKafkaRecordMetadata
                .builder().withKey(region).withHeaders(headers).build()));
        metrics.counter("switchboard_contingency_decisions_total", "region", region, "action",
                engage ? "engage" : "release", "issued_by", "operator").increment();
        return command;
    }

    public RoutingDecision clear(String region, String operator, String reason) {
        pins.sendMessageAndAwait(Message.of((byte[]) null)
                .addMetadata(OutgoingKafkaRecordMetadata.builder().withKey(region).build()));
        return audit.recordPinCleared(UUID.randomUUID().toString(), region, "user:" + operator, reason, Instant.now());
    }
}
