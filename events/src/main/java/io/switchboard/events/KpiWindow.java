package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The interval a KPI snapshot covers. Serialised in lower case with dashes (for example {@code rolling-15m}). */
public enum KpiWindow {
    ROLLING_15M,
    FIXED_15M,
    HOURLY,
    DAILY;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static KpiWindow fromWire(String value) {
        return WireNames.parse(KpiWindow.class, value, KpiWindow::wireName);
    }
}
