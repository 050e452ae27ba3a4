package io.switchboard.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call, one trace: the W3C trace context of a call, derived from its call id alone, so that every service, every
 * outbox and every restart puts the records of a call in the same trace without storing anything.
 *
 * <pre>
 * digest   = SHA-256("switchboard-call|" + callId)
 * trace id = hex(digest[0..16])    (32 hex digits)
 * span id  = hex(digest[16..24])   (16 hex digits: the call's root, the parent of the first spans of the call)
 * traceparent = "00-" + trace id + "-" + span id + "-01"
 * </pre>
 *
 * An operator computes a call's trace id with {@code printf 'switchboard-call|%s' "$CALL_ID" | sha256sum | cut -c1-32}.
 * The call id carries nothing about the caller ({@link CallId}), and a hash of it carries less.
 */
public final class CallTrace {

    /** The W3C Trace Context header, written as a Kafka record header on every record that concerns a call. */
    public static final String HEADER = "traceparent";
    /** What the call id is prefixed with before hashing (a call's trace never collides with another use of SHA-256). */
    public static final String PREFIX = "switchboard-call|";
    /** {@code version-traceid-parentid-flags}, lower-case hex, as W3C Trace Context level 1 writes it. */
    public static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    /** MessageDigest.getInstance looks the provider up each time: one digest per thread instead. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    });
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;

    private final String traceId;
    private final String rootSpanId;

    private CallTrace(String traceId, String rootSpanId) {
        this.traceId = traceId;
        this.rootSpanId = rootSpanId;
    }

    /** The trace of this call. */
    public static CallTrace of(String callId) {
        if (callId == null || callId.isBlank()) {
            throw new IllegalArgumentException("a call's trace needs its call id");
        }
        byte[] digest = sha256((PREFIX + callId).getBytes(StandardCharsets.UTF_8));
        byte[] trace = java.util.Arrays.copyOfRange(digest, 0, TRACE_ID_BYTES);
        byte[] span = java.util.Arrays.copyOfRange(digest, TRACE_ID_BYTES, TRACE_ID_BYTES + SPAN_ID_BYTES);
        return new CallTrace(hex(nonZero(trace)), hex(nonZero(span)));
    }

    /** 32 lower-case hex digits. */
    public String traceId() {
        return traceId;
    }

    /** 16 lower-case hex digits: the span id of the call's root (no service exports a span with this id). */
    public String rootSpanId() {
        return rootSpanId;
    }

    /** {@code 00-<trace id>-<root span id>-01}: sampled, with the call's root as parent. */
    public String traceparent() {
        return "00-" + traceId + "-" + rootSpanId + "-01";
    }

    /** The trace id a {@code traceparent} header value carries, or null when the value is not a valid one. */
    public static String traceIdOf(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher m = TRACEPARENT.matcher(traceparent);
        if (!m.matches() || m.group(1).chars().allMatch(c -> c == '0') || m.group(2).chars().allMatch(c -> c == '0')) {
            return null;
        }
        return m.group(1);
    }

    @Override
    public String toString() {
        return traceparent();
    }

    /** W3C forbids all-zero ids; a digest that starts with 8 or 16 zero bytes is astronomically unlikely, but legal. */
    private static byte[] nonZero(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return id;
            }
        }
        id[id.length - 1] = 1;
        return id;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(byte[] input) {
        return SHA_256.get().digest(input); // digest() resets it for the next use
    }
}
