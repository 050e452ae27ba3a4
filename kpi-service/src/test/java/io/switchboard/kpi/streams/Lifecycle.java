package io.switchboard.kpi.streams;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import java.time.Instant;
import java.util.UUID;

/** Builds lifecycle events for tests, one call at a time, as call-ingest would publish them. */
final class Lifecycle {

    static final String PROVIDER = "provider-a";
    static final String REGION = "north-west";

    private final String callId;
    private int sequence;

    Lifecycle(String callId) {
        this.callId = callId;
    }

    static Lifecycle call(String id) {
        return new Lifecycle("pbx-t:" + id);
    }

    String callId() {
        return callId;
    }

    CallLifecycleEvent offered(Instant at) {
        return event(CallStep.OFFERED, at, null, null, null, null, null, null);
    }

    CallLifecycleEvent queued(Instant at, String queue, int position) {
        return event(CallStep.QUEUED, at, queue, null, null, position, null, null);
    }

    CallLifecycleEvent answered(Instant at, String queue, double wait) {
        return event(CallStep.ANSWERED, at, queue, wait, null, null, null, null);
    }

    CallLifecycleEvent abandoned(Instant at, String queue, double wait) {
        return event(CallStep.ABANDONED, at, queue, wait, null, 1, null, null);
    }

    CallLifecycleEvent timedOut(Instant at, String queue, double wait) {
        return event(CallStep.TIMED_OUT, at, queue, wait, null, 1, null, "queue-timeout");
    }

    CallLifecycleEvent contingency(Instant at, String queue, String reason) {
        return event(CallStep.CONTINGENCY_ROUTED, at, queue, null, null, null, null, reason);
    }

    CallLifecycleEvent transferred(Instant at, String fromQueue, String target) {
        return event(CallStep.TRANSFERRED, at, fromQueue, null, 3.0, null, target, null);
    }

    CallLifecycleEvent ended(Instant at, String reason) {
        return event(CallStep.ENDED, at, null, null, null, null, null, reason);
    }

    private CallLifecycleEvent event(CallStep step, Instant at, String queue, Double wait, Double talk,
            Integer position, String target, String reason) {
        sequence++;
        return new CallLifecycleEvent(UUID.nameUUIDFromBytes((callId + step + sequence).getBytes()).toString(),
                callId, step, sequence, at, "pbx-t", PROVIDER, REGION, queue,
                step == CallStep.ANSWERED ? "agent:00000000000000000000000000000001" : null,
                "caller:00000000000000000000000000000002", wait, talk, position, target, reason);
    }
}
