package io.switchboard.callingest.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what the event is about, never random: the same call step seen again (a replay, a resync
 * after reconnect, a restart) gets the same id, so downstream consumers drop it as a duplicate.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
