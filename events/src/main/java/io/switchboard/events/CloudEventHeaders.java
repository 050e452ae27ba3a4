package io.switchboard.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as {@code ce_*} headers and the
 * record value is the JSON payload alone. Used where SmallRye's own CloudEvents support is not in play (Kafka
 * Streams, plain producers, tests) so every producer writes the same headers.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";

    /** Headers written on dead-letter records (SmallRye's dead-letter-queue strategy writes the same names). */
    public static final String DLQ_REASON = "dead-letter-reason";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";

    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The envelope of one event. {@code subject} is the call id or other key; may be null. */
    public record Envelope(String id, String source, String type, Instant time, String subject, String dataSchema) {
    }

    /** Writes the envelope; id, source and type are required (IllegalArgumentException naming the one missing). */
    public static void write(Headers headers, Envelope envelope) {
        requireAttribute(ID, envelope.id());
        requireAttribute(SOURCE, envelope.source());
        requireAttribute(TYPE, envelope.type());
        put(headers, SPEC_VERSION, "1.0");
        put(headers, ID, envelope.id());
        put(headers, SOURCE, envelope.source());
        put(headers, TYPE, envelope.type());
        put(headers, CONTENT_TYPE, JSON);
        if (envelope.time() != null) {
            put(headers, TIME, envelope.time().toString());
        }
        if (envelope.subject() != null) {
            put(headers, SUBJECT, envelope.subject());
        }
        if (envelope.dataSchema() != null) {
            put(headers, DATA_SCHEMA, envelope.dataSchema());
        }
    }

    /** Reads the envelope; throws {@link InvalidEventException} naming the first required attribute missing. */
    public static Envelope read(Headers headers) {
        String spec = text(headers, SPEC_VERSION);
        if (!"1.0".equals(spec)) {
            throw new InvalidEventException("header " + SPEC_VERSION + " must be 1.0, was " + spec);
        }
        String time = text(headers, TIME);
        Instant parsedTime;
        try {
            parsedTime = time == null ? null : Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidEventException("header " + TIME + " is not an RFC 3339 time: " + time);
        }
        return new Envelope(required(headers, ID), required(headers, SOURCE), required(headers, TYPE), parsedTime,
                text(headers, SUBJECT), text(headers, DATA_SCHEMA));
    }

    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("header " + name + " is missing");
        }
        return value;
    }

    private static void requireAttribute(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvents attribute " + name + " is required");
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code ce_source} of events a Switchboard service produces, e.g. {@code /switchboard/call-ingest}. */
    public static String sourceOf(String service) {
        return "/switchboard/" + service;
    }

    /** The {@code ce_dataschema} URI of a topic's payload schema. */
    public static String dataSchemaOf(String topic) {
        return "https://switchboard.io/schemas/" + topic + ".schema.json";
    }
}
