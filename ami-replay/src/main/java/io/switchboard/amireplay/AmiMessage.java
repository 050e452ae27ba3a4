package io.switchboard.amireplay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One AMI message: an event, a response or an action, as an ordered list of {@code Name: value} headers ending with
 * a blank line.
 *
 * <p>A message parsed from a recording keeps its original bytes, so replaying an unmodified message is byte for byte
 * what Asterisk sent; only a message that was changed (an ActionID rewrite, a per-pass identifier shift) is encoded
 * again, as {@code Name: value\r\n} lines followed by {@code \r\n}, which is how Asterisk writes every header.
 *
 * <p>Bytes map to characters as ISO-8859-1, one to one, so any byte survives a parse and an encode unchanged.
 */
public final class AmiMessage {

    /** One header line. Names are compared ignoring case, as Asterisk and asterisk-java do. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    static final byte[] CRLF = {'\r', '\n'};

    private final List<Header> headers;
    private final byte[] bytes;

    private AmiMessage(List<Header> headers, byte[] bytes) {
        this.headers = headers;
        this.bytes = bytes;
    }

    /**
     * Builds a message from alternating names and values, e.g. {@code of("Response", "Success", "Ping", "Pong")}.
     */
    public static AmiMessage of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return of(headers);
    }

    /** Builds a message from headers, in the order given. */
    public static AmiMessage of(List<Header> headers) {
        List<Header> copy = List.copyOf(headers);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("an AMI message needs at least one header");
        }
        return new AmiMessage(copy, encode(copy));
    }

    /**
     * Parses one message. The bytes may include the terminating blank line or not; lines may end with CRLF (as
     * Asterisk writes them) or a bare LF (as a person typing into telnet might). A line without a colon is ignored.
     * The result is encoded canonically (CRLF lines).
     */
    public static AmiMessage parse(byte[] wire) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        List<Header> headers = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String stripped = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            int colon = stripped.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String value = stripped.substring(colon + 1);
            // Asterisk writes exactly one space after the colon; keep any further spaces, they are part of the value.
            headers.add(new Header(stripped.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value));
        }
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("no header in AMI message: " + text);
        }
        return of(headers);
    }

    /**
     * Wraps bytes cut from a recording: they are trusted to be one complete message ending in CRLF CRLF and are sent
     * exactly as they are.
     */
    static AmiMessage fromRecording(byte[] wire) {
        AmiMessage parsed = parse(wire);
        return new AmiMessage(parsed.headers, wire.clone());
    }

    private static byte[] encode(List<Header> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(headers.size() * 32);
        for (Header header : headers) {
            byte[] line = (header.name() + ": " + header.value()).getBytes(StandardCharsets.ISO_8859_1);
            out.write(line, 0, line.length);
            out.write(CRLF, 0, 2);
        }
        out.write(CRLF, 0, 2);
        return out.toByteArray();
    }

    /** The headers, in wire order. */
    public List<Header> headers() {
        return headers;
    }

    /** The value of the first header with this name (ignoring case), or {@code null} when there is none. */
    public String get(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** Whether a header with this name (ignoring case) is present. */
    public boolean has(String name) {
        return get(name) != null;
    }

    /** The event name ({@code Event:} header) when this is an event, otherwise {@code null}. */
    public String eventName() {
        return get("Event");
    }

    /** The response type ({@code Response:} header: Success, Error, Goodbye, ...) or {@code null}. */
    public String responseType() {
        return get("Response");
    }

    /** The action name ({@code Action:} header) when this is an action, otherwise {@code null}. */
    public String actionName() {
        return get("Action");
    }

    public boolean isEvent() {
        return eventName() != null;
    }

    public boolean isResponse() {
        return responseType() != null;
    }

    /** The {@code ActionID} header, or {@code null}. */
    public String actionId() {
        return get("ActionID");
    }

    /**
     * A copy with the ActionID set: an existing ActionID header keeps its place and gets the new value; otherwise the
     * header goes right after the first line, where Asterisk puts it in responses. A {@code null} id removes it.
     */
    public AmiMessage withActionId(String actionId) {
        List<Header> copy = new ArrayList<>(headers);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).name().equalsIgnoreCase("ActionID")) {
                if (actionId == null) {
                    copy.remove(i);
                } else if (copy.get(i).value().equals(actionId)) {
                    return this;
                } else {
                    copy.set(i, new Header(copy.get(i).name(), actionId));
                }
                return of(copy);
            }
        }
        if (actionId == null) {
            return this;
        }
        copy.add(1, new Header("ActionID", actionId));
        return of(copy);
    }

    /**
     * A copy with every header run through {@code rewrite}; returns this very message when nothing changed, so the
     * recorded bytes are kept.
     */
    public AmiMessage mapHeaders(UnaryOperator<Header> rewrite) {
        List<Header> copy = new ArrayList<>(headers.size());
        boolean changed = false;
        for (Header header : headers) {
            Header rewritten = rewrite.apply(header);
            changed |= !rewritten.equals(header);
            copy.add(rewritten);
        }
        return changed ? of(copy) : this;
    }

    /** The wire bytes, terminating blank line included. */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] wireBytes() {
        return bytes;
    }

    /** The size on the wire in bytes. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AmiMessage message && Arrays.equals(bytes, message.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The message as text, with CRLF line ends. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
