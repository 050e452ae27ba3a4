package io.switchboard.triage.messaging;

import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.triage.store.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes events in the transaction of the state change they report (transactional outbox): an assessment is never
 * finished without its outcome event, nor an event sent for a change that rolled back. {@link OutboxRelay} publishes.
 */
@ApplicationScoped
public class Outbox {

    /** The {@code ce_source} of everything triage-service publishes. */
    public static final String SOURCE = CloudEventHeaders.sourceOf("triage-service");

    /**
     * @throws io.switchboard.events.InvalidEventException when the payload does not match the topic's schema (a bug
     *         here: the transaction rolls back rather than publish it)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String eventId, String key, String ceType, Instant occurredAt, Object event) {
        EventSchemas.requireValid(topic, EventJson.toTree(event));
        OutboxEvent row = OutboxEvent.findById(eventId);
        if (row != null) {
            return; // the same deterministic event already written
        }
        row = new OutboxEvent();
        row.eventId = eventId;
        row.topic = topic;
        row.recordKey = key;
        row.ceType = ceType;
        row.occurredAt = occurredAt;
        row.payload = EventJson.toBytes(event);
        row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.persist();
    }
}
