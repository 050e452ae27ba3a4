package io.switchboard.callingest.ami;

import java.time.Instant;
import java.util.Map;

/**
 * One AMI message as it came off the socket: its headers in order, when it arrived, and its raw text (kept so a
 * message that cannot be processed reaches the dead-letter topic exactly as received).
 *
 * @param headers header name to value; when a header repeats, the first value is kept
 */
public record AmiFrame(Map<String, String> headers, Instant receivedAt, String raw) {

    public String event() {
        return headers.get("Event");
    }

    public boolean isEvent() {
        return headers.containsKey("Event");
    }

    public boolean isResponse() {
        return headers.containsKey("Response");
    }

    public String get(String header) {
        return headers.get(header);
    }

    public String actionId() {
        return headers.get("ActionID");
    }

    /** The header's value, or a {@link MalformedFrameException} naming it when absent or blank. */
    public String require(String header) {
        String value = headers.get(header);
        if (value == null || value.isBlank()) {
            throw new MalformedFrameException(event() + " without " + header);
        }
        return value;
    }

    /** A whole-number header, or a {@link MalformedFrameException} when absent or not a number. */
    public int requireInt(String header) {
        String value = require(header);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedFrameException(event() + " has a non-numeric " + header + ": '" + value + "'");
        }
    }

    /** When the PBX says this happened: its Timestamp header if it sends one (timestampevents=yes), else receipt. */
    public Instant occurredAt() {
        String timestamp = headers.get("Timestamp");
        if (timestamp != null) {
            try {
                // "1795280266.768685": seconds and a decimal fraction, parsed exactly (a double loses microseconds)
                String[] parts = timestamp.trim().split("\\.", 2);
                long nanos = 0;
                if (parts.length == 2 && !parts[1].isEmpty()) {
                    String fraction = (parts[1] + "000000000").substring(0, 9);
                    nanos = Long.parseLong(fraction);
                }
                return Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
            } catch (NumberFormatException e) {
                throw new MalformedFrameException(event() + " has a malformed Timestamp: '" + timestamp + "'");
            }
        }
        return receivedAt;
    }
}
