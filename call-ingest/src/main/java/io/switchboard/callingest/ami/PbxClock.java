package io.switchboard.callingest.ami;

import java.time.Duration;
import java.time.Instant;

/**
 * The PBX's clock as call-ingest last saw it: the time of the latest AMI event (its Timestamp header when the PBX
 * sends one), carried forward by this machine's clock since that event arrived.
 *
 * <p>A PBX that sends no Timestamp headers (timestampevents=no) has its events stamped on receipt: this machine's
 * clock then is the PBX's clock too.
 *
 * <p>Events call-ingest makes up itself after a reconnect (a call closed as tracking-lost, a live caller adopted) must
 * be stamped on the same clock as the PBX's own events. Stamped with this machine's clock instead, a PBX whose clock
 * differs (or a simulator running faster than real time) puts those events far from their neighbours, and
 * kpi-service, which works in event time, treats every later event as late.
 */
public final class PbxClock {

    private Instant lastEventTime;
    private Instant receivedAt;

    /**
     * Learns from an event that carries the PBX's Timestamp header. The lists the PBX sends in answer to an action
     * (CoreShowChannel, QueueEntry...) carry none even with timestampevents=yes: their receipt time is this machine's
     * clock and must not move the PBX's.
     */
    public void observe(AmiFrame frame) {
        if (frame.get("Timestamp") != null) {
            observe(frame.occurredAt(), frame.receivedAt());
        }
    }

    /** An event the PBX says happened at {@code occurredAt} arrived here at {@code receivedAt}. */
    void observe(Instant occurredAt, Instant receivedAt) {
        if (lastEventTime == null || !occurredAt.isBefore(lastEventTime)) {
            this.lastEventTime = occurredAt;
            this.receivedAt = receivedAt;
        }
    }

    /** The PBX's time at this machine's {@code wallNow}; this machine's time until the PBX has sent an event. */
    public Instant at(Instant wallNow) {
        if (lastEventTime == null) {
            return wallNow;
        }
        Duration since = Duration.between(receivedAt, wallNow);
        return since.isNegative() ? lastEventTime : lastEventTime.plus(since);
    }
}
