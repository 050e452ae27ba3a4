package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.directory.support.Kafka;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CallTrace;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.TriageOutcomeEvent;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.TopicReader;
import io.switchboard.tracing.KafkaTracing;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry context across the real broker (the SDK is enabled in this module's test profile and spans go to an
 * in-memory exporter): the consumer spans continue the traceparent of the records they read, and the call outcome,
 * which leaves through the outbox, carries a traceparent in the call's trace.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class TracingAcrossTheBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String REGION = "tracing-test";
    /** The span ids "upstream" services wrote in the input records' traceparent. */
    private static final String TRIAGE_SPAN = "aaaaaaaaaaaaaaa1";
    private static final Set<String> INPUT_SPANS = Set.of(TRIAGE_SPAN, "bbbbbbbbbbbbbbb1", "bbbbbbbbbbbbbbb2",
            "bbbbbbbbbbbbbbb3", "bbbbbbbbbbbbbbb4");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theCallsTraceCrossesTheBrokerIntoTheConsumersAndOnToTheCallOutcome() {
        String callId = newCall();
        String trace = CallTrace.of(callId).traceId();
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<CallLifecycleEvent> steps = lifecycle(callId, end);
        for (int i = 0; i < steps.size(); i++) {
            lifecycle(steps.get(i), "00-" + trace + "-bbbbbbbbbbbbbbb" + (i + 1) + "-01");
        }
        triage(Kafka.disposition(callId, "Dx05", "primary-care", 120, 52.63, 1.29, end.minusSeconds(60)),
                "00-" + trace + "-" + TRIAGE_SPAN + "-01");

        ConsumerRecord<String, byte[]> outcome = awaitOutcome(callId);
        String traceparent = CloudEventHeaders.text(outcome.headers(), CallTrace.HEADER);
        assertThat(outcome.headers().headers(CallTrace.HEADER)).as("one traceparent").hasSize(1);
        assertThat(CallTrace.traceIdOf(traceparent)).as("the outcome is in the call's trace").isEqualTo(trace);
        String publishSpanId = traceparent.split("-")[2];

        // The consumer span of the triage outcome continues the record's traceparent, read from the broker.
        SpanData triageReceive = await().atMost(TIMEOUT).until(() -> find(SpanKind.CONSUMER, Topics.TRIAGE_OUTCOMES,
                s -> TRIAGE_SPAN.equals(s.getParentSpanId())), Optional::isPresent).orElseThrow();
        assertThat(triageReceive.getTraceId()).isEqualTo(trace);
        assertThat(triageReceive.getParentSpanContext().isRemote()).isTrue();

        // The outcome's header is its publish span, a child of the consumer span of whichever input decided it.
        SpanData publish = await().atMost(TIMEOUT).until(() -> find(SpanKind.PRODUCER, Topics.CALLS_OUTCOMES,
                s -> s.getSpanId().equals(publishSpanId)), Optional::isPresent).orElseThrow();
        assertThat(publish.getTraceId()).isEqualTo(trace);
        SpanData decidedIn = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getSpanId().equals(publish.getParentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("the publish span's parent was not exported: " + publish));
        assertThat(decidedIn.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(decidedIn.getParentSpanId()).as("continues an input record's traceparent")
                .isIn(INPUT_SPANS);
    }

    @Test
    void aRecordFromAnotherTraceIsContinuedButTheOutcomeStaysInTheCallsTrace() {
        String callId = newCall();
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String foreignTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        triage(Kafka.disposition(callId, "Dx05", "primary-care", 120, 52.63, 1.29, end.minusSeconds(60)),
                "00-" + foreignTrace + "-" + TRIAGE_SPAN + "-01");
        lifecycle(callId, end).forEach(Kafka::lifecycle); // no traceparent at all

        ConsumerRecord<String, byte[]> outcome = awaitOutcome(callId);
        assertThat(KafkaTracing.traceIdOf(outcome.headers())).isEqualTo(CallTrace.of(callId).traceId());
        SpanData triageReceive = await().atMost(TIMEOUT).until(() -> find(SpanKind.CONSUMER, Topics.TRIAGE_OUTCOMES,
                s -> s.getTraceId().equals(foreignTrace)), Optional::isPresent).orElseThrow();
        assertThat(triageReceive.getParentSpanId()).isEqualTo(TRIAGE_SPAN);
    }

    /** Decided by the sweeper, long after any input was read: the outcome hangs from the call's root. */
    @Test
    void anOutcomeTheSweeperDecidesHangsFromTheCallsRoot() {
        String callId = newCall();
        lifecycle(callId, Instant.now().truncatedTo(ChronoUnit.MILLIS)).forEach(Kafka::lifecycle);

        ConsumerRecord<String, byte[]> outcome = awaitOutcome(callId);
        String traceparent = CloudEventHeaders.text(outcome.headers(), CallTrace.HEADER);
        assertThat(CallTrace.traceIdOf(traceparent)).isEqualTo(CallTrace.of(callId).traceId());
        SpanData publish = await().atMost(TIMEOUT).until(() -> find(SpanKind.PRODUCER, Topics.CALLS_OUTCOMES,
                s -> traceparent.contains(s.getSpanId())), Optional::isPresent).orElseThrow();
        assertThat(publish.getParentSpanId()).isEqualTo(CallTrace.of(callId).rootSpanId());
    }

    private Optional<SpanData> find(SpanKind kind, String topic, Predicate<SpanData> matching) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == kind)
                .filter(s -> topic.equals(s.getAttributes().get(KafkaTracing.DESTINATION))).filter(matching)
                .findFirst();
    }

    private static String newCall() {
        return "test-pbx:" + UUID.randomUUID();
    }

    private static List<CallLifecycleEvent> lifecycle(String callId, Instant end) {
        return List.of(Kafka.step(callId, REGION, CallStep.OFFERED, 1, end.minusSeconds(600), null),
                Kafka.step(callId, REGION, CallStep.QUEUED, 2, end.minusSeconds(599), null),
                Kafka.step(callId, REGION, CallStep.ANSWERED, 3, end.minusSeconds(580), null),
                Kafka.step(callId, REGION, CallStep.ENDED, 4, end, "caller-hangup"));
    }

    private static void lifecycle(CallLifecycleEvent e, String traceparent) {
        Kafka.send(withTrace(new ProducerRecord<>(Topics.CALLS_LIFECYCLE, e.callId(), EventJson.toBytes(e)),
                traceparent), new CloudEventHeaders.Envelope(e.eventId(), "/switchboard/call-ingest", e.cloudEventType(),
                e.occurredAt(), e.callId(), CloudEventHeaders.dataSchemaOf(Topics.CALLS_LIFECYCLE)));
    }

    private static void triage(TriageOutcomeEvent e, String traceparent) {
        Kafka.send(withTrace(new ProducerRecord<>(Topics.TRIAGE_OUTCOMES, e.callId(), EventJson.toBytes(e)),
                traceparent), new CloudEventHeaders.Envelope(e.eventId(), "/switchboard/triage-service",
                e.cloudEventType(), e.finishedAt(), e.callId(), CloudEventHeaders.dataSchemaOf(Topics.TRIAGE_OUTCOMES)));
    }

    private static ProducerRecord<String, byte[]> withTrace(ProducerRecord<String, byte[]> record, String traceparent) {
        record.headers().add(CallTrace.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ConsumerRecord<String, byte[]> awaitOutcome(String callId) {
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(), Topics.CALLS_OUTCOMES)) {
            return reader.readUntil(r -> r.stream().anyMatch(x -> callId.equals(x.key())), TIMEOUT).stream()
                    .filter(x -> callId.equals(x.key())).findFirst().orElseThrow();
        }
    }
}
