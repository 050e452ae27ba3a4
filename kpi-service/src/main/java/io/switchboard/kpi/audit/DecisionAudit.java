package io.switchboard.kpi.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.InvalidEventException;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.events.RoutingStateEvent;
import io.switchboard.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the audit trail in PostgreSQL from the topics themselves: each contingency command once (by command id,
 * so redelivery changes nothing), then what the PBX did with it. Unreadable records go to the topics' DLQs.
 */
@ApplicationScoped
public class DecisionAudit {

    @Incoming("audit-routing-commands")
    @Blocking
    @Transactional
    public void onCommand(byte[] payload) {
        RoutingCommand command = read(payload, Topics.ROUTING_COMMANDS, RoutingCommand.class);
        if (command.kind() == RoutingCommandKind.TRANSFER_CALL || RoutingDecision.findById(command.commandId()) != null) {
            return;
        }
        RoutingDecision row = new RoutingDecision();
        row.commandId = command.commandId();
        row.region = command.region();
        row.kind = command.kind().wireName();
        row.issuedBy = command.issuedBy();
        row.pinned = Boolean.TRUE.equals(command.pinned());
        row.reason = command.reason() == null ? "" : command.reason();
        row.figures = command.figures();
        row.issuedAt = command.issuedAt();
        row.recordedAt = Instant.now();
        row.persist();
    }

    @Incoming("audit-routing-state")
    @Blocking
    @Transactional
    public void onState(byte[] payload) {
        RoutingStateEvent state = read(payload, Topics.ROUTING_STATE, RoutingStateEvent.class);
        RoutingDecision row = RoutingDecision.findById(state.commandId());
        if (row == null || (row.pbxObservedAt != null && !state.observedAt().isAfter(row.pbxObservedAt))) {
            return; // a transfer, a command from before the audit began, or an older report
        }
        row.pbxResult = state.result().wireName();
        row.pbxDetail = state.detail();
        row.pbxId = state.pbxId();
        row.pbxObservedAt = state.observedAt();
    }

    /** An operator handing a region back to the policy: not a PBX command, but part of the trail. */
    @Transactional
    public RoutingDecision recordPinCleared(String commandId, String region, String by, String reason, Instant at) {
        RoutingDecision row = new RoutingDecision();
        row.commandId = commandId;
        row.region = region;
        row.kind = "clear-pin";
        row.issuedBy = by;
        row.pinned = false;
        row.reason = reason;
        row.issuedAt = at;
        row.recordedAt = Instant.now();
        row.persist();
        return row;
    }

    static <T> T read(byte[] payload, String topic, Class<T> type) {
        var tree = EventJson.readTree(payload == null ? new byte[0] : payload);
        EventSchemas.requireValid(topic, tree);
        try {
            return EventJson.mapper().treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
