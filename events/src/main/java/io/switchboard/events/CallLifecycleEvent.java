package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One step of one call, on {@link Topics#CALLS_LIFECYCLE}, keyed by {@code callId}.
 *
 * @param eventId      deterministic from the call and the step, so a replay or resync never duplicates it
 * @param callId       see {@link CallId}
 * @param step         which step this is
 * @param sequence     1 for the first step of the call, then +1 for each step published, so gaps are visible
 * @param occurredAt   when the PBX says it happened (or when the adapter received it, if the PBX sends no time)
 * @param pbxId        the PBX that carried the call
 * @param provider     the NHS 111 provider answering this line (from configuration)
 * @param region       the region (routing area) of the line (from configuration)
 * @param queue        the queue concerned, when there is one
 * @param agentId      pseudonymous id of the call handler or clinician (answered, transferred)
 * @param callerToken  keyed hash of the caller's number, never the number itself
 * @param waitSeconds  seconds from joining the queue to this step (answered, abandoned, timed-out)
 * @param talkSeconds  seconds connected to the handler (ended, transferred)
 * @param queuePosition position in the queue at this step (queued, abandoned)
 * @param transferTarget the queue a call was transferred to
 * @param reason       why: end reason for ended (caller-hangup, agent-hangup, contingency-complete,
 *                     tracking-lost...), switch-engaged or queue-timeout for contingency-routed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallLifecycleEvent(
        String eventId,
        String callId,
        CallStep step,
        int sequence,
        Instant occurredAt,
        String pbxId,
        String provider,
        String region,
        String queue,
        String agentId,
        String callerToken,
        Double waitSeconds,
        Double talkSeconds,
        Integer queuePosition,
        String transferTarget,
        String reason) {

    /** The CloudEvents type: {@code io.switchboard.calls.lifecycle.v1.<step>}. */
    public String cloudEventType() {
        return EventTypes.callLifecycle(step);
    }
}
