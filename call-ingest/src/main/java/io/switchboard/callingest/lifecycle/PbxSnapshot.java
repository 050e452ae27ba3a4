package io.switchboard.callingest.lifecycle;

import java.util.List;
import java.util.Set;

/**
 * What the PBX reports as live right after a (re)connect: every conversation (CoreShowChannels) and every caller
 * waiting in a queue (QueueStatus's QueueEntry).
 *
 * @param liveLinkedIds the Linkedid of every live channel
 * @param callers       the callers' own channels (Uniqueid = Linkedid), with their queue when waiting in one
 */
public record PbxSnapshot(Set<String> liveLinkedIds, List<LiveCaller> callers) {

    /**
     * @param handler the handler the caller is talking to, when the PBX shows the caller bridged to a queue member
     */
    public record LiveCaller(String linkedId, String uniqueid, String channel, String callerNumber, String dialled,
            long durationSeconds, String queue, int position, long waitSeconds, Handler handler) {
    }

    /**
     * A queue member's leg bridged to the caller (Application AppQueue).
     *
     * @param queue        the queue that connected them (the caller's Queue application's first argument)
     * @param channel      the member's channel, e.g. {@code PJSIP/handler-07-0000002a}
     * @param memberInterface the member's interface, the channel name without its sequence suffix
     * @param talkSeconds  how long the member's leg has been up (the talk so far, ringing included)
     */
    public record Handler(String queue, String channel, String memberInterface, long talkSeconds) {
    }
}
