package io.switchboard.callingest.ami;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the lines of one AMI message into an {@link AmiFrame}. AMI is "Name: Value" lines ended by a blank line;
 * anything else (binary garbage, a line with no colon, a message with neither Event nor Response) is malformed.
 */
public final class AmiFrameParser {

    private static final int MAX_LINE = 8192;

    private AmiFrameParser() {
    }

    public static AmiFrame parse(List<String> lines, Instant receivedAt) {
        String raw = String.join("\r\n", lines);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.length() > MAX_LINE) {
                throw new MalformedFrameException("line longer than " + MAX_LINE + " characters");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedFrameException("not a 'Name: Value' line: " + printable(line));
            }
            String name = line.substring(0, colon).trim();
            if (!isHeaderName(name)) {
                throw new MalformedFrameException("invalid header name: " + printable(name));
            }
            headers.putIfAbsent(name, line.substring(colon + 1).trim());
        }
        if (!headers.containsKey("Event") && !headers.containsKey("Response")) {
            throw new MalformedFrameException("message has neither an Event nor a Response header");
        }
        return new AmiFrame(headers, receivedAt, raw);
    }

    private static boolean isHeaderName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '(' || c == ')')) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\x%02x", cp & 0xff));
            }
        });
        return "'" + FrameRedactor.maskDigits(out.toString()) + "'";
    }
}
