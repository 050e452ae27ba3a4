package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** One step of a call's lifecycle; the CloudEvents type of a lifecycle event ends with {@link #wireName()}. */
public enum CallStep {
    /** The call reached the service (the PBX created the caller's channel on an inbound route). */
    OFFERED,
    /** The caller joined a queue. */
    QUEUED,
    /** A call handler (or clinician) was connected. */
    ANSWERED,
    /** The caller hung up while waiting in a queue. */
    ABANDONED,
    /** The queue gave up on the caller (Asterisk reports this as an abandon; it is not one). */
    TIMED_OUT,
    /** The call was transferred to another queue (for example the clinician queue). */
    TRANSFERRED,
    /** The call was sent to the contingency provider (switch engaged or after a timeout). */
    CONTINGENCY_ROUTED,
    /** The call is over; {@code reason} says how. Exactly one per call. */
    ENDED;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static CallStep fromWire(String value) {
        return WireNames.parse(CallStep.class, value, CallStep::wireName);
    }
}
