package io.switchboard.callingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.callingest.config.IngestConfig;
import io.switchboard.callingest.lifecycle.LifecycleSink;
import io.switchboard.events.AgentStateEvent;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.tracing.KafkaTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes what the trackers derive, with CloudEvents headers: an idempotent producer, acks from every in-sync
 * replica, retried until the broker takes each record. The producer's buffer is the bounded buffer: while the broker
 * is away, records wait there; when it is full, {@link #call} waits (and so does the reading of the PBX's socket)
 * and the service reports itself not ready. Nothing is dropped.
 *
 * <p>Every record about a call is published in a PRODUCER span of the call's trace (its parent is the call's root,
 * derived from the call id, or the span handling the call now), and carries that span as its {@code traceparent}
 * header, whether or not the OpenTelemetry SDK exports spans. Agent states concern no call and carry none.
 */
@ApplicationScoped
public class EventPublisher implements LifecycleSink {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String source;
    private final Duration stallAfter;
    private final AtomicLong unacknowledged = new AtomicLong();
    private final AtomicLong lastProgressNanos = new AtomicLong(System.nanoTime());
    private final MeterRegistry metrics;
    private final Tracer tracer;
    private volatile String lastError;
    private volatile boolean blocked;

    EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestConfig config,
            MeterRegistry metrics, OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig), new StringSerializer(),
                new ByteArraySerializer());
        this.source = "/switchboard/call-ingest/" + config.pbxId();
        this.stallAfter = config.publish().stallAfter();
        this.metrics = metrics;
        this.tracer = KafkaTracing.tracer(openTelemetry, tracingOff);
        metrics.gauge("switchboard_publish_unacknowledged", unacknowledged);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "call-ingest");
        return props;
    }

    @Override
    public void call(CallLifecycleEvent event) {
        send(Topics.CALLS_LIFECYCLE, event.callId(), EventJson.toBytes(event), new CloudEventHeaders.Envelope(
                event.eventId(), source, event.cloudEventType(), event.occurredAt(), event.callId(),
                CloudEventHeaders.dataSchemaOf(Topics.CALLS_LIFECYCLE)), event.callId());
        metrics.counter("switchboard_lifecycle_events_total", "step", event.step().wireName()).increment();
    }

    @Override
    public void agent(AgentStateEvent event) {
        send(Topics.AGENTS_STATE, event.agentId(), EventJson.toBytes(event), new CloudEventHeaders.Envelope(
                event.eventId(), source, event.cloudEventType(), event.occurredAt(), event.agentId(),
                CloudEventHeaders.dataSchemaOf(Topics.AGENTS_STATE)), null);
        metrics.counter("switchboard_agent_state_events_total", "state", event.state().wireName()).increment();
    }

    /**
     * What the PBX did with a routing command: in the trace of the command being carried out (the current span), or
     * of its call for a transfer.
     */
    public void routingState(io.switchboard.events.RoutingStateEvent event, String key) {
        send(Topics.ROUTING_STATE, key, EventJson.toBytes(event), new CloudEventHeaders.Envelope(event.eventId(),
                source, event.cloudEventType(), event.observedAt(), key,
                CloudEventHeaders.dataSchemaOf(Topics.ROUTING_STATE)), event.callId());
        metrics.counter("switchboard_routing_results_total", "kind", event.kind().wireName(), "result",
                event.result().wireName()).increment();
    }

    /** An AMI message that could not be used, already redacted, with the reason in a header. */
    public void deadLetter(String redactedRaw, String reason) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.deadLetterOf(Topics.CALLS_LIFECYCLE),
                null, redactedRaw.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-source", source.getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-received-at", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        sendRecord(record);
        metrics.counter("switchboard_ami_messages_rejected_total").increment();
    }

    /** @param callId the call the record is about, or null (then traced only inside a current span, if any) */
    private void send(String topic, String key, byte[] value, CloudEventHeaders.Envelope envelope, String callId) {
        // The record's timestamp is the event's time, so stream processors downstream work in event time.
        Long timestamp = envelope.time() == null ? null : envelope.time().toEpochMilli();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, timestamp, key, value);
        CloudEventHeaders.write(record.headers(), envelope);
        Context parent = callId != null ? KafkaTracing.parentFor(callId) : Context.current();
        if (callId == null && !Span.fromContext(parent).getSpanContext().isValid()) {
            sendRecord(record);
            return;
        }
        Span span = KafkaTracing.event(KafkaTracing.span(tracer, SpanKind.PRODUCER, topic, "publish", parent),
                envelope.id(), envelope.type()).setAttribute(KafkaTracing.MESSAGE_KEY, key)
                .setAttribute(KafkaTracing.CALL_ID, callId).startSpan();
        KafkaTracing.within(span, () -> {
            KafkaTracing.inject(Context.current(), record.headers());
            sendRecord(record);
        });
    }

    private void sendRecord(ProducerRecord<String, byte[]> record) {
        while (true) {
            try {
                if (unacknowledged.incrementAndGet() == 1) {
                    lastProgressNanos.set(System.nanoTime());
                }
                producer.send(record, (metadata, error) -> {
                    unacknowledged.decrementAndGet();
                    lastProgressNanos.set(System.nanoTime());
                    if (error != null) {
                        lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
                        LOG.errorf("The broker rejected a record for %s: %s", record.topic(), lastError);
                        metrics.counter("switchboard_publish_failures_total", "topic", record.topic()).increment();
                    }
                });
                blocked = false;
                return;
            } catch (TimeoutException e) {
                // The producer's buffer is full because the broker is away: hold on to the record and try again.
                unacknowledged.decrementAndGet();
                if (!blocked) {
                    LOG.warnf("Kafka is not taking records (%s); holding events until it does", e.getMessage());
                }
                blocked = true;
                lastError = "the broker has not accepted records for a while: " + e.getMessage();
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
            }
        }
    }

    /** Null when publishing is healthy; otherwise why not, for the readiness check. */
    public String problem() {
        if (blocked) {
            return lastError;
        }
        long waiting = unacknowledged.get();
        if (waiting > 0 && System.nanoTime() - lastProgressNanos.get() > stallAfter.toNanos()) {
            return waiting + " events not acknowledged by Kafka for over " + stallAfter.toSeconds() + " s";
        }
        return null;
    }

    public long unacknowledged() {
        return unacknowledged.get();
    }

    public void flush() {
        producer.flush();
    }

    void onStop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(10));
    }
}
