package io.switchboard.callingest.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AMI event types that exist (Asterisk 22 sends them, or asterisk-java has a class for them). An event outside this
 * list is unknown: it is counted and sent to the dead-letter topic, never silently dropped. The list is a resource
 * rather than asterisk-java's classpath scan, which fails inside repackaged jars.
 */
public final class KnownEvents {

    private static final Set<String> NAMES = load();

    private KnownEvents() {
    }

    public static boolean isKnown(String eventName) {
        return eventName != null && NAMES.contains(eventName.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        try (InputStream in = KnownEvents.class.getResourceAsStream("known-ami-events.txt")) {
            if (in == null) {
                throw new IllegalStateException("known-ami-events.txt is missing from the application");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
