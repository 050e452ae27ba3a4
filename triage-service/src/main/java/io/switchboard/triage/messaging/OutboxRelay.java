package io.switchboard.triage.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.Topics;
import io.switchboard.tracing.KafkaTracing;
import io.switchboard.triage.config.TriageConfig;
import io.switchboard.triage.store.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox: at once after the transaction that wrote an event (so outcomes reach Kafka within the
 * request), and on a timer for whatever could not be published then. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so instances never publish the same row at the same time; a crash between the
 * broker's acknowledgement and marking the row can publish an event twice, with the same id (consumers de-duplicate).
 *
 * <p>Every row is keyed by its call id, and is published in the call's trace: under the span handling the call's
 * record when there is one (a lifecycle event closing an assessment), else under the call's root, derived from the
 * call id (a handler's request, the retry, after a restart); the trace context is not kept in the outbox.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final Map<String, MutinyEmitter<byte[]>> emitters;
    private final EntityManager entityManager;
    private final TriageConfig config;
    private final MeterRegistry metrics;
    /** Events not yet acknowledged by Kafka, as of the last retry round (a gauge). */
    private final AtomicLong pending = new AtomicLong();

    OutboxRelay(@Channel("triage-outcomes-out") MutinyEmitter<byte[]> outcomes,
            @Channel("routing-commands-out") MutinyEmitter<byte[]> commands, EntityManager entityManager,
            TriageConfig config, MeterRegistry metrics) {
        this.emitters = Map.of(Topics.TRIAGE_OUTCOMES, outcomes, Topics.ROUTING_COMMANDS, commands);
        this.entityManager = entityManager;
        this.config = config;
        this.metrics = metrics;
        metrics.gauge("switchboard_triage_outbox_pending", pending);
    }

    /**
     * Publishes these events (written by a transaction that has committed). Never fails the caller: the state change
     * is committed whatever happens here, and what is not published now is published by the retry.
     */
    public void publish(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> send(claim(eventIds)));
        } catch (RuntimeException e) {
            LOG.warnf("Could not publish %s now (%s); the outbox retry will", eventIds, e.toString());
        }
    }

    @Scheduled(every = "${switchboard.triage.outbox-retry-interval}", delayed = "${switchboard.triage.outbox-retry-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void retry() {
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().call(() -> send(claimOldest()));
        } while (sent == BATCH);
        pending.set(QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("publishedAt is null")));
    }

    @SuppressWarnings("unchecked")
    private List<OutboxEvent> claim(List<String> eventIds) {
        return entityManager.createNativeQuery("""
                SELECT * FROM outbox_event WHERE event_id IN (:ids) AND published_at IS NULL
                ORDER BY created_at, event_id FOR UPDATE SKIP LOCKED""", OutboxEvent.class)
                .setParameter("ids", eventIds).getResultList();
    }

    @SuppressWarnings("unchecked")
    private List<OutboxEvent> claimOldest() {
        return entityManager.createNativeQuery("""
                SELECT * FROM outbox_event WHERE published_at IS NULL
                ORDER BY created_at, event_id LIMIT :limit FOR UPDATE SKIP LOCKED""", OutboxEvent.class)
                .setParameter("limit", BATCH).getResultList();
    }

    /** Sends in order and stops at the first failure, so that a call's events are never published out of order. */
    private int send(List<OutboxEvent> rows) {
        int sent = 0;
        for (OutboxEvent row : rows) {
            RecordHeaders headers = new RecordHeaders();
            CloudEventHeaders.write(headers, new CloudEventHeaders.Envelope(row.eventId, Outbox.SOURCE, row.ceType,
                    row.occurredAt, row.recordKey, CloudEventHeaders.dataSchemaOf(row.topic)));
            Message<byte[]> message = Message.of(row.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(row.recordKey).withHeaders(headers).build())
                    .addMetadata(TracingMetadata.withCurrent(KafkaTracing.parentFor(row.recordKey)));
            try {
                emitters.get(row.topic).sendMessage(message).await().atMost(config.publishTimeout());
            } catch (RuntimeException e) {
                LOG.warnf("Could not publish %s %s (%s); retrying every %s", row.topic, row.eventId, e.toString(),
                        config.outboxRetryInterval());
                metrics.counter("switchboard_triage_publish_failures_total", "topic", row.topic).increment();
                break;
            }
            row.publishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            metrics.counter("switchboard_triage_events_published_total", "topic", row.topic).increment();
            sent++;
        }
        return sent;
    }
}
