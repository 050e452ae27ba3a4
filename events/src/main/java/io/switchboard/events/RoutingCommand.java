package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * An instruction to the PBX, on {@link Topics#ROUTING_COMMANDS}: engage or release the contingency route for a
 * region (keyed by region), or transfer one call (keyed by callId). Consumers apply each commandId at most once.
 *
 * @param region      the region whose contingency route changes (contingency commands)
 * @param queue       optionally narrows a contingency command to one queue
 * @param callId      the call to transfer (transfer-call)
 * @param targetQueue where to transfer it, e.g. clinician
 * @param reason      human-readable reason, e.g. "longest wait 312 s > 240 s"
 * @param figures     the KPI figures behind the decision, by name
 * @param issuedBy    "policy" for automatic decisions, "user:<name>" for the ops override, "triage" for transfers
 * @param pinned      true when an operator forced the state and it stays until cleared
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingCommand(
        String commandId,
        RoutingCommandKind kind,
        String region,
        String queue,
        String callId,
        String targetQueue,
        String reason,
        Map<String, Double> figures,
        String issuedBy,
        Instant issuedAt,
        Boolean pinned) {

    public String cloudEventType() {
        return EventTypes.routingCommand(kind);
    }

    public String key() {
        return kind == RoutingCommandKind.TRANSFER_CALL ? callId : region;
    }
}
