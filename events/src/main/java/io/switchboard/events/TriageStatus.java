package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an assessment ended. Serialised in lower case with dashes (for example {@code disposition-reached}). */
public enum TriageStatus {
    DISPOSITION_REACHED,
    INCOMPLETE;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static TriageStatus fromWire(String value) {
        return WireNames.parse(TriageStatus.class, value, TriageStatus::wireName);
    }
}
