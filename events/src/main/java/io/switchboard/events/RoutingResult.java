package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the PBX actually did with a routing command. Serialised in lower case with dashes (for example {@code applied}). */
public enum RoutingResult {
    APPLIED,
    ALREADY_APPLIED,
    REJECTED,
    FAILED;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static RoutingResult fromWire(String value) {
        return WireNames.parse(RoutingResult.class, value, RoutingResult::wireName);
    }
}
