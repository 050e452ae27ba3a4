package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** State of a call handler or clinician as the PBX reports it. Serialised in lower case with dashes (for example {@code logged-in}). */
public enum AgentState {
    LOGGED_IN,
    LOGGED_OUT,
    PAUSED,
    AVAILABLE,
    BUSY;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static AgentState fromWire(String value) {
        return WireNames.parse(AgentState.class, value, AgentState::wireName);
    }
}
