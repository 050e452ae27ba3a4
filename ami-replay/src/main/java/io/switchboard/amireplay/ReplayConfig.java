package io.switchboard.amireplay;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of one server, fixed when it starts (see {@link AmiReplayServer.Builder} for their meaning).
 *
 * @param maxPasses        with loop: stop after this many passes of the playlist; 0 for no end
 * @param cutAfterEvents   0 for no fault injection
 * @param customHandlers   handlers registered with {@code onAction}: they win over everything but Challenge/Login
 * @param standardHandlers the built-in answers ({@link StandardActions}), used when no custom handler matches
 * @param liveEvents       when not null, the stream after login comes from it instead of the transcripts
 */
record ReplayConfig(
        ReplayScript script,
        boolean loop,
        int maxPasses,
        double speed,
        String username,
        String secret,
        Duration afterLoginDelay,
        Duration queueStatusWait,
        int cutAfterEvents,
        Map<String, ActionHandler> customHandlers,
        Map<String, ActionHandler> standardHandlers,
        LiveEventSource liveEvents) {

    ReplayConfig {
        customHandlers = ignoringCase(customHandlers);
        standardHandlers = ignoringCase(standardHandlers);
    }

    private static Map<String, ActionHandler> ignoringCase(Map<String, ActionHandler> handlers) {
        Map<String, ActionHandler> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(handlers);
        return Collections.unmodifiableMap(copy);
    }

    /** Converts a recorded interval into a wall-clock interval at this speed; 0 when playing as fast as possible. */
    long wallNanos(double recordedSeconds) {
        if (Double.isInfinite(speed) || recordedSeconds <= 0) {
            return 0;
        }
        return (long) (recordedSeconds / speed * 1_000_000_000L);
    }
}
