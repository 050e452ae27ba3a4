package io.switchboard.directory.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.InvalidEventException;

/** Reads a consumed payload: JSON, valid against its topic's schema, then typed. The message is the DLQ reason. */
public final class EventReader {

    private EventReader() {
    }

    public static <T> T read(byte[] payload, String topic, Class<T> type) {
        var tree = EventJson.readTree(payload == null ? new byte[0] : payload);
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidEventException("empty payload on " + topic);
        }
        EventSchemas.requireValid(topic, tree);
        try {
            return EventJson.mapper().treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
