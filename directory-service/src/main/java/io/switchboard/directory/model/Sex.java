package io.switchboard.directory.model;

import java.util.Locale;

/** Who a service sees (ANY, FEMALE, MALE) or a caller's sex (FEMALE, MALE, NOT_KNOWN). */
public enum Sex {
    ANY, FEMALE, MALE, NOT_KNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Sex parse(String value) {
        if (value == null || value.isBlank()) {
            return ANY;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "any", "all", "both", "" -> ANY;
            case "female", "f" -> FEMALE;
            case "male", "m" -> MALE;
            case "not-known", "unknown", "not_known" -> NOT_KNOWN;
            default -> throw new IllegalArgumentException("sex must be any, female or male, was '" + value + "'");
        };
    }

    /**
     * Whether a service restricted to {@code this} sees a caller of sex {@code caller}. A caller whose sex is not
     * known is only sent to services that see anyone.
     */
    public boolean admits(Sex caller) {
        return this == ANY || this == caller;
    }
}
