package io.switchboard.directory.outcome;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventTypes;
import io.switchboard.events.Topics;
import io.switchboard.tracing.KafkaTracing;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes decided outcomes on calls.outcomes.v1 (key: callId; CloudEvents headers; the stored payload byte for
 * byte) and marks them published once Kafka acknowledged them. An outcome whose publication failed, or whose
 * instance stopped in between, is published again by the relay with the same event id and bytes.
 *
 * <p>The outcome lands in the call's trace: its publish span is a child of the span handling the call's record when
 * the outcome is decided there, else (the sweeper, the relay, after a restart) of the call's root, derived from the
 * call id; the trace context of the inputs is not kept in the database.
 */
@ApplicationScoped
public class OutcomePublisher {

    /** An unpublished outcome older than this is the relay's to publish (younger ones are being published now). */
    static final Duration RELAY_AFTER = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(OutcomePublisher.class);

    private final MutinyEmitter<byte[]> out;

    OutcomePublisher(@Channel("call-outcomes-out") MutinyEmitter<byte[]> out) {
        this.out = out;
    }

    public void publish(CallTracker.Decided outcome) {
        try {
            send(outcome.callId(), outcome.eventId(), outcome.decidedAt(), outcome.payload());
            QuarkusTransaction.requiringNew().run(() -> CallOutcomeRow.update(
                    "publishedAt = ?1 where callId = ?2 and publishedAt is null", Instant.now(), outcome.callId()));
        } catch (RuntimeException e) {
            LOG.warnf("Outcome of %s not published yet (the relay retries): %s", outcome.callId(), e.getMessage());
        }
    }

    @Scheduled(every = "${switchboard.directory.outcomes.sweep-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        List<CallOutcomeRow> pending = QuarkusTransaction.requiringNew().call(
                () -> CallOutcomeRow.unpublishedBefore(Instant.now().minus(RELAY_AFTER), 500));
        for (CallOutcomeRow row : pending) {
            publish(new CallTracker.Decided(row.callId, row.eventId, row.decidedAt,
                    row.payload.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void send(String callId, String eventId, Instant decidedAt, byte[] payload) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, new CloudEventHeaders.Envelope(eventId,
                CloudEventHeaders.sourceOf("directory-service"), EventTypes.CALL_OUTCOME, decidedAt, callId,
                CloudEventHeaders.dataSchemaOf(Topics.CALLS_OUTCOMES)));
        out.sendMessageAndAwait(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.builder()
                .withKey(callId).withHeaders(headers).build())
                .addMetadata(TracingMetadata.withCurrent(KafkaTracing.parentFor(callId))));
    }
}
