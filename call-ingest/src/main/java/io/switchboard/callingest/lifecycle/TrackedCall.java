package io.switchboard.callingest.lifecycle;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** What the adapter knows about one call in progress (one Linkedid). Mutable; owned by {@link CallTracker}. */
final class TrackedCall {

    final String callId;
    final String linkedId;
    final String callerUniqueid;
    final LineDirectory.Line line;
    final String callerToken;
    final Instant offeredAt;

    int sequence;
    Instant lastActivity;
    final Map<String, Integer> occurrences = new HashMap<>();

    String queue;
    boolean queued;
    boolean answered;
    int answeredCount;
    /** The queue of the handler talking to the caller's own channel: where a transfer comes from. */
    String handlerQueue;
    boolean timedOut;
    /** The QUEUESTATUS the dialplan saw when the caller left (or was refused by) the queue. */
    String queueExitStatus;
    boolean contingencyRouted;
    PendingAbandon pendingAbandon;

    /** Queue a Local channel of this call joined while the handler consulted (attended transfer). */
    String consultQueue;
    /** Set by AgentComplete Reason=transfer until the call shows up in its new queue (blind transfer). */
    Double transferTalkSeconds;
    String blindTransferTarget;
    double talkSeconds;
    String lastCompleteReason;

    TrackedCall(String callId, String linkedId, String callerUniqueid, LineDirectory.Line line, String callerToken,
            Instant offeredAt) {
        this.callId = callId;
        this.linkedId = linkedId;
        this.callerUniqueid = callerUniqueid;
        this.line = line;
        this.callerToken = callerToken;
        this.offeredAt = offeredAt;
        this.lastActivity = offeredAt;
    }

    /** 1 the first time this step happens in this queue, then 2, 3... (a call can be queued twice). */
    int nextOccurrence(String key) {
        return occurrences.merge(key, 1, Integer::sum);
    }

    /**
     * Asterisk reports a queue timeout as QueueCallerAbandon too; what follows decides: a Hangup makes it an abandon,
     * VarSet QUEUESTATUS=TIMEOUT (the channel carries on in the dialplan) makes it a timeout.
     */
    record PendingAbandon(String queue, int holdSeconds, int position, Instant at) {
    }
}
