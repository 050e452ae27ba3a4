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

    public record LiveCaller(String linkedId, String uniqueid, String channel, String callerNumber, String dialled,
            long durationSeconds, String queue, int position, long waitSeconds) {
    }
}
