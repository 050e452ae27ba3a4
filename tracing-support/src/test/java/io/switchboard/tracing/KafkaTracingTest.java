package io.switchboard.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.switchboard.events.CallTrace;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaTracingTest {

    private static final String CALL = "pbx-leeds-1:1718960000.1234";
    private static final String OTHER_CALL = "pbx-leeds-1:1718960000.9999";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Tracer tracer = provider.get(KafkaTracing.SCOPE);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void theCallsRootIsItsDeterministicSampledRemoteContext() {
        SpanContext root = Span.fromContext(KafkaTracing.callRoot(CALL)).getSpanContext();
        assertThat(root.getTraceId()).isEqualTo(CallTrace.of(CALL).traceId());
        assertThat(root.getSpanId()).isEqualTo(CallTrace.of(CALL).rootSpanId());
        assertThat(root.isRemote()).isTrue();
        assertThat(root.isSampled()).isTrue();
    }

    @Test
    void aSpanUnderTheCallsRootIsInjectedAsTheRecordsTraceparent() {
        Span span = KafkaTracing.event(KafkaTracing.span(tracer, SpanKind.PRODUCER, "calls.lifecycle.v1", "publish",
                KafkaTracing.callRoot(CALL)), "e-1", "io.switchboard.calls.lifecycle.v1.offered").startSpan();
        Headers headers = new RecordHeaders();
        headers.add(CallTrace.HEADER, "00-11111111111111111111111111111111-2222222222222222-01".getBytes(StandardCharsets.UTF_8));
        KafkaTracing.inject(Context.root().with(span), headers);
        span.end();

        assertThat(headers.headers(CallTrace.HEADER)).as("one traceparent, the new one").hasSize(1);
        assertThat(KafkaTracing.traceIdOf(headers)).isEqualTo(CallTrace.of(CALL).traceId());
        assertThat(text(headers)).isEqualTo("00-" + CallTrace.of(CALL).traceId() + "-"
                + span.getSpanContext().getSpanId() + "-01");
        SpanData data = exported.getFinishedSpanItems().get(0);
        assertThat(data.getName()).isEqualTo("calls.lifecycle.v1 publish");
        assertThat(data.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(data.getParentSpanId()).isEqualTo(CallTrace.of(CALL).rootSpanId());
        assertThat(data.getAttributes().get(KafkaTracing.MESSAGING_SYSTEM)).isEqualTo("kafka");
        assertThat(data.getAttributes().get(KafkaTracing.DESTINATION)).isEqualTo("calls.lifecycle.v1");
        assertThat(data.getAttributes().get(KafkaTracing.EVENT_ID)).isEqualTo("e-1");
    }

    @Test
    void extractReadsWhatInjectWrote() {
        Span span = tracer.spanBuilder("x").setParent(KafkaTracing.callRoot(CALL)).startSpan();
        Headers headers = new RecordHeaders();
        KafkaTracing.inject(Context.root().with(span), headers);
        SpanContext read = Span.fromContext(KafkaTracing.extract(headers)).getSpanContext();
        assertThat(read.getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
        assertThat(read.getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
        assertThat(read.isRemote()).isTrue();
    }

    @Test
    void aRecordWithoutAUsableTraceparentFallsBackToTheCallsRoot() {
        Headers none = new RecordHeaders();
        assertThat(Span.fromContext(KafkaTracing.extract(none)).getSpanContext().isValid()).isFalse();
        assertThat(traceOf(KafkaTracing.extractOrCall(none, CALL))).isEqualTo(CallTrace.of(CALL).traceId());

        Headers garbage = new RecordHeaders();
        garbage.add(CallTrace.HEADER, "not-a-traceparent".getBytes(StandardCharsets.UTF_8));
        assertThat(traceOf(KafkaTracing.extractOrCall(garbage, CALL))).isEqualTo(CallTrace.of(CALL).traceId());
        assertThat(KafkaTracing.traceIdOf(garbage)).isNull();

        Headers other = new RecordHeaders();
        KafkaTracing.inject(KafkaTracing.callRoot(OTHER_CALL), other);
        assertThat(traceOf(KafkaTracing.extractOrCall(other, CALL))).as("the record's own context wins")
                .isEqualTo(CallTrace.of(OTHER_CALL).traceId());
        assertThat(Span.fromContext(KafkaTracing.extractOrCall(none, null)).getSpanContext().isValid()).isFalse();
    }

    @Test
    void parentForKeepsTheCurrentSpanOnlyWhenItIsInTheCallsTrace() {
        Span inCall = tracer.spanBuilder("handling").setParent(KafkaTracing.callRoot(CALL)).startSpan();
        try (Scope ignored = inCall.makeCurrent()) {
            assertThat(Span.fromContext(KafkaTracing.parentFor(CALL)).getSpanContext()).isEqualTo(inCall.getSpanContext());
            assertThat(Span.fromContext(KafkaTracing.parentFor(OTHER_CALL)).getSpanContext().getSpanId())
                    .isEqualTo(CallTrace.of(OTHER_CALL).rootSpanId());
        } finally {
            inCall.end();
        }
        assertThat(Span.fromContext(KafkaTracing.parentFor(CALL)).getSpanContext().getSpanId())
                .as("no current span").isEqualTo(CallTrace.of(CALL).rootSpanId());
    }

    @Test
    void withinEndsTheSpanAndRecordsWhatWentWrong() {
        Span ok = tracer.spanBuilder("ok").startSpan();
        assertThat(KafkaTracing.within(ok, () -> Span.current().getSpanContext())).isEqualTo(ok.getSpanContext());
        Span failing = tracer.spanBuilder("failing").startSpan();
        assertThatThrownBy(() -> KafkaTracing.within(failing, (Runnable) () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(exported.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("ok", "failing");
        SpanData failed = exported.getFinishedSpanItems().get(1);
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    }

    /** With the SDK disabled (the API's no-op tracer), no span is made and the record still carries the call's trace. */
    @Test
    void withTheSdkDisabledNoSpanIsMadeAndTheRecordStillCarriesTheCallsTrace() {
        OpenTelemetry sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
        assertThat(KafkaTracing.tracer(sdk, false).spanBuilder("x").startSpan().isRecording()).isTrue();
        Tracer noop = KafkaTracing.tracer(sdk, true);
        Span span = KafkaTracing.span(noop, SpanKind.PRODUCER, "calls.lifecycle.v1", "publish",
                KafkaTracing.callRoot(CALL)).startSpan();
        Headers headers = new RecordHeaders();
        KafkaTracing.inject(Context.root().with(span), headers);
        span.end();
        assertThat(span.isRecording()).isFalse();
        assertThat(text(headers)).isEqualTo(CallTrace.of(CALL).traceparent());
    }

    private static String traceOf(Context context) {
        return Span.fromContext(context).getSpanContext().getTraceId();
    }

    private static String text(Headers headers) {
        return new String(headers.lastHeader(CallTrace.HEADER).value(), StandardCharsets.UTF_8);
    }
}
