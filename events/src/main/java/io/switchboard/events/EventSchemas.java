package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON Schema (2020-12) of every topic's payload, loaded from {@code schemas/} in this module. */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH) // "$.callId: ...", "$: required property 'agentId' not found"
            .build();
    private static final Map<String, JsonSchema> BY_TOPIC = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The raw schema document of a topic, for documentation and compatibility checks. */
    public static JsonNode schemaDocument(String topic) {
        try (InputStream in = open(topic)) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every violation, as "path: message" (JSON path, e.g. {@code $.callId: ...}); empty when valid */
    public static List<String> validate(String topic, JsonNode payload) {
        return schema(topic).validate(payload).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /** Throws {@link InvalidEventException} listing the violations when the payload does not match the schema. */
    public static void requireValid(String topic, JsonNode payload) {
        List<String> errors = validate(topic, payload);
        if (!errors.isEmpty()) {
            throw new InvalidEventException("payload does not match " + topic + " schema: " + String.join("; ", errors));
        }
    }

    private static JsonSchema schema(String topic) {
        return BY_TOPIC.computeIfAbsent(topic, t -> {
            try (InputStream in = open(t)) {
                return FACTORY.getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static InputStream open(String topic) {
        Topics.TopicSpec spec = Topics.byName(topic)
                .filter(t -> !t.isDeadLetter())
                .orElseThrow(() -> new IllegalArgumentException("no such topic in the contract: " + topic));
        InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(spec.schemaResource());
        if (in == null) {
            throw new IllegalStateException("schema resource missing: " + spec.schemaResource());
        }
        return in;
    }
}
