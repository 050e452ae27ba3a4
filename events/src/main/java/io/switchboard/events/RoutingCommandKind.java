package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a routing command asks the PBX to do. Serialised in lower case with dashes (for example {@code engage-contingency}). */
public enum RoutingCommandKind {
    ENGAGE_CONTINGENCY,
    RELEASE_CONTINGENCY,
    TRANSFER_CALL;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static RoutingCommandKind fromWire(String value) {
        return WireNames.parse(RoutingCommandKind.class, value, RoutingCommandKind::wireName);
    }
}
