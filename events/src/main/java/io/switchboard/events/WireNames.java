package io.switchboard.events;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses the lower-case, dash-separated names enums use on the wire, with an error that lists the allowed values. */
final class WireNames {

    private WireNames() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, Function<E, String> wireName) {
        for (E constant : type.getEnumConstants()) {
            if (wireName.apply(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(wireName).collect(Collectors.joining(", ")));
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
