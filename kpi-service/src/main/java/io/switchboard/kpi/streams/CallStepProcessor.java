package io.switchboard.kpi.streams;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.InvalidEventException;
import io.switchboard.events.Topics;
import io.switchboard.kpi.model.CallState;
import io.switchboard.kpi.model.CallStepLogic;
import io.switchboard.kpi.model.Intervals;
import io.switchboard.kpi.model.DeltaBatch;
import io.switchboard.kpi.model.KpiDelta;
import io.switchboard.tracing.KafkaTracing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage one, per call (the input is keyed by callId): counts each event once, derives its KPI contributions and
 * sends them on keyed by region. Unreadable events and events later than the grace go to calls.lifecycle.v1.dlq
 * with the reason: never dropped unseen. Each readable event is processed in a CONSUMER span that continues the
 * record's traceparent (or the call's own trace), and its contributions carry that span on to stage two.
 */
final class CallStepProcessor implements Processor<String, byte[], String, Object> {

    private final CallStepLogic logic;
    private final Duration grace;
    private final Duration callMemory;
    private final PipelineCounters counters;
    private final Tracer tracer;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, CallState> calls;
    private KeyValueStore<String, String> expiry;

    CallStepProcessor(CallStepLogic logic, Duration grace, Duration callMemory, PipelineCounters counters,
            Tracer tracer) {
        this.logic = logic;
        this.grace = grace;
        this.callMemory = callMemory;
        this.counters = counters;
        this.tracer = tracer;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.calls = context.getStateStore(StoreNames.CALLS);
        this.expiry = context.getStateStore(StoreNames.CALL_EXPIRY);
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, now -> forgetFinishedCalls());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CallLifecycleEvent event;
        try {
            event = read(record.value());
        } catch (InvalidEventException e) {
            counters.unreadable();
            deadLetter(record, e.getMessage());
            return;
        }
        Span span = KafkaTracing.event(KafkaTracing.span(tracer, SpanKind.CONSUMER, Topics.CALLS_LIFECYCLE, "process",
                        KafkaTracing.extractOrCall(record.headers(), event.callId())), event.eventId(),
                event.cloudEventType()).setAttribute(KafkaTracing.CALL_ID, event.callId()).startSpan();
        KafkaTracing.within(span, () -> process(record, event));
    }

    private void process(Record<String, byte[]> record, CallLifecycleEvent event) {
        long at = event.occurredAt().toEpochMilli();
        long streamTime = context.currentStreamTimeMs();
        if (Intervals.isLate(at, streamTime, grace)) {
            counters.late();
            deadLetter(record, "late: happened at " + event.occurredAt() + ", after its 15-minute interval closed"
                    + " (grace " + grace.toSeconds() + " s, stream time " + java.time.Instant.ofEpochMilli(streamTime)
                    + "); not counted");
            return;
        }
        CallState call = calls.get(event.callId());
        if (call == null) {
            call = new CallState();
        }
        List<KpiDelta> deltas = logic.apply(call, event);
        if (deltas == null) {
            counters.duplicate();
            return;
        }
        calls.put(event.callId(), call);
        if (call.endedAt != 0 && event.step() == io.switchboard.events.CallStep.ENDED) {
            expiry.put(expiryKey(call.endedAt, event.callId()), "");
        }
        if (!deltas.isEmpty()) {
            // Only this span's traceparent and the source partition's clock travel on (the contract's ce_* headers
            // stay on the contract's topic).
            Headers headers = new RecordHeaders();
            KafkaTracing.inject(Context.current(), headers);
            context.recordMetadata().ifPresent(m -> SourceHeaders.write(headers, m.partition(), streamTime));
            context.forward(new Record<>(event.region(), new DeltaBatch(event.provider(), event.region(),
                    event.callId(), deltas), at, headers));
        }
    }

    static CallLifecycleEvent read(byte[] value) {
        CallLifecycleEvent e = EventJson.fromBytes(value, CallLifecycleEvent.class);
        require(e.eventId(), "eventId");
        require(e.callId(), "callId");
        require(e.step(), "step");
        require(e.occurredAt(), "occurredAt");
        require(e.provider(), "provider");
        require(e.region(), "region");
        return e;
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidEventException("lifecycle event without " + field);
        }
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(CloudEventHeaders.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.DLQ_TOPIC, Topics.CALLS_LIFECYCLE.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(m -> {
            headers.add(CloudEventHeaders.DLQ_PARTITION, Integer.toString(m.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(CloudEventHeaders.DLQ_OFFSET, Long.toString(m.offset()).getBytes(StandardCharsets.UTF_8));
        });
        context.forward(new Record<>(record.key(), (Object) new Outbound(Topics.deadLetterOf(Topics.CALLS_LIFECYCLE),
                record.value()), record.timestamp(), headers));
    }

    private void forgetFinishedCalls() {
        String until = expiryKey(context.currentStreamTimeMs() - callMemory.toMillis(), "");
        List<String> forgotten = new java.util.ArrayList<>();
        try (KeyValueIterator<String, String> old = expiry.range("", until)) {
            old.forEachRemaining(entry -> forgotten.add(entry.key));
        }
        for (String key : forgotten) {
            calls.delete(key.substring(key.indexOf('|') + 1));
            expiry.delete(key);
        }
    }

    private static String expiryKey(long endedAt, String callId) {
        return String.format("%013d|%s", Math.max(0, endedAt), callId);
    }
}
