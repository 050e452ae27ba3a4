package io.switchboard.directory.model;

import java.util.Locale;

/** A service's capacity, as the directory of services shows it: green (high), amber (low), red (none). */
public enum Capacity {
    GREEN, AMBER, RED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Capacity parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("capacity is missing");
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "green", "high" -> GREEN;
            case "amber", "low" -> AMBER;
            case "red", "none" -> RED;
            default -> throw new IllegalArgumentException("capacity must be green, amber or red, was '" + value + "'");
        };
    }
}
