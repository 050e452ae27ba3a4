package io.switchboard.tracing;

import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.switchboard.events.CallTrace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * OpenTelemetry across Kafka, the same way in every service: W3C trace context in the {@code traceparent} record
 * header, one trace per call ({@link CallTrace}), and messaging spans with the same names and attributes.
 *
 * <p>The W3C propagator is used directly rather than the configured one, so the header is written and read whatever
 * the SDK's configuration: with the SDK disabled the spans are not exported, but the records still carry their
 * call's trace id, and a collector enabled later correlates them.
 *
 * <p>Never put a caller's number or a token in an attribute: the call id ({@code <pbxId>:<linkedid>}) and event ids
 * carry nothing about the caller.
 */
public final class KafkaTracing {

    /** The instrumentation scope of Switchboard's own spans. */
    public static final String SCOPE = "io.switchboard";

    public static final AttributeKey<String> MESSAGING_SYSTEM = stringKey("messaging.system");
    public static final AttributeKey<String> DESTINATION = stringKey("messaging.destination.name");
    public static final AttributeKey<String> OPERATION = stringKey("messaging.operation");
    public static final AttributeKey<String> MESSAGE_KEY = stringKey("messaging.kafka.message.key");
    public static final AttributeKey<String> EVENT_ID = stringKey("cloudevents.event_id");
    public static final AttributeKey<String> EVENT_TYPE = stringKey("cloudevents.event_type");
    public static final AttributeKey<String> CALL_ID = stringKey("switchboard.call_id");

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private KafkaTracing() {
    }

    /** Reads record headers for the propagator (the last header of a name wins, as Kafka's lastHeader). */
    public static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            for (Header header : carrier) {
                keys.add(header.key());
            }
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header header = carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    /** Writes record headers for the propagator, replacing a header of the same name (a record has one traceparent). */
    public static final TextMapSetter<Headers> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.remove(key);
            carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    /**
     * The tracer of Switchboard's own spans: the SDK's, or the API's no-op one when the SDK is disabled
     * ({@code quarkus.otel.sdk.disabled}, the default). A no-op span carries its parent's context, so records still
     * get the traceparent they continue (at least their call's root) while no span is made at all.
     */
    public static Tracer tracer(OpenTelemetry openTelemetry, boolean sdkDisabled) {
        return (sdkDisabled ? OpenTelemetry.noop() : openTelemetry).getTracer(SCOPE);
    }

    /** The call's own context: its deterministic trace id, with the call's root as the (remote, sampled) parent. */
    public static Context callRoot(String callId) {
        CallTrace trace = CallTrace.of(callId);
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(trace.traceId(), trace.rootSpanId(),
                TraceFlags.getSampled(), TraceState.getDefault())));
    }

    /**
     * Where a span about this call belongs: under the current span when that is already in the call's trace (a
     * record of the call being handled now), else directly under the call's root (an outbox relayed later, a
     * request that is not the call's, a timer).
     */
    public static Context parentFor(String callId) {
        Context current = Context.current();
        SpanContext span = Span.fromContext(current).getSpanContext();
        if (span.isValid() && span.getTraceId().equals(CallTrace.of(callId).traceId())) {
            return current;
        }
        return callRoot(callId);
    }

    /** The context a record's {@code traceparent} carries, or {@link Context#root()} when it has none (or a bad one). */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }

    /** The record's own context when it carries one, else the call's root: a record of a call is never traceless. */
    public static Context extractOrCall(Headers headers, String callId) {
        Context extracted = extract(headers);
        return Span.fromContext(extracted).getSpanContext().isValid() || callId == null ? extracted : callRoot(callId);
    }

    /** Writes the context's span as the record's {@code traceparent}; nothing when the context holds no valid span. */
    public static void inject(Context context, Headers headers) {
        W3C.inject(context, headers, SETTER);
    }

    /** The trace id of a record's {@code traceparent}, or null. */
    public static String traceIdOf(Headers headers) {
        return CallTrace.traceIdOf(GETTER.get(headers, CallTrace.HEADER));
    }

    /**
     * A span about records of one topic, named {@code "<topic> <operation>"} (as SmallRye names its Kafka spans:
     * {@code publish}, {@code receive}, {@code process}), with the messaging attributes.
     */
    public static SpanBuilder span(Tracer tracer, SpanKind kind, String topic, String operation, Context parent) {
        return tracer.spanBuilder(topic + " " + operation).setSpanKind(kind).setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, "kafka").setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, operation);
    }

    /** The CloudEvents identity of the record a span is about. */
    public static SpanBuilder event(SpanBuilder span, String eventId, String eventType) {
        return span.setAttribute(EVENT_ID, eventId).setAttribute(EVENT_TYPE, eventType);
    }

    /** Runs the work with the span current, records an exception it throws, and ends the span. */
    public static <T> T within(Span span, Supplier<T> work) {
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** {@link #within(Span, Supplier)} for work without a result. */
    public static void within(Span span, Runnable work) {
        within(span, () -> {
            work.run();
            return null;
        });
    }
}
