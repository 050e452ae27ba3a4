package io.switchboard.callingest.ami;

import java.time.Instant;
import java.util.List;

/** What the AMI link hands to the processing thread, in order. */
public sealed interface Inbound {

    /**
     * The lines of one AMI message (without the blank line that ended it), as read off the socket.
     *
     * @param truncated the connection ended before the message did
     */
    record Lines(List<String> lines, Instant receivedAt, boolean truncated) implements Inbound {
    }

    /** A (re)connect finished: the PBX's snapshot (QueueStatus, CoreShowChannels) with these ActionIDs follows. */
    record ResyncStarted(String resyncId, Instant requestedAt) implements Inbound {
    }

    /** The link went down; anything half-collected for a resync is void. */
    record LinkDown(Instant at) implements Inbound {
    }
}
