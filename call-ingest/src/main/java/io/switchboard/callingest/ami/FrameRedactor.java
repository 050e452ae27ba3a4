package io.switchboard.callingest.ami;

import io.switchboard.events.Pseudonymiser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a raw AMI message safe to put on a topic or in a log: caller-id headers (any header ending in CallerIDNum,
 * CallerIDName, ConnectedLineNum, ConnectedLineName) get a keyed hash instead of their value, and in lines that are
 * not headers at all, any run of seven or more digits is masked, since it may be a phone number.
 */
public final class FrameRedactor {

    private static final Pattern NUMBER_HEADER =
            Pattern.compile("^([A-Za-z]*(?:CallerIDNum|CallerIDName|ConnectedLineNum|ConnectedLineName|CallerID)):(.*)$");
    private static final Pattern HEADER = Pattern.compile("^[A-Za-z0-9_()-]+:.*$");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{7,}");

    private final Pseudonymiser pseudonymiser;

    public FrameRedactor(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    public String redact(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (String line : raw.split("\r\n", -1)) {
            if (!out.isEmpty()) {
                out.append("\r\n");
            }
            out.append(redactLine(line));
        }
        return out.toString();
    }

    /** For reasons and log lines that quote input: masks every long digit run. */
    public static String maskDigits(String text) {
        return DIGIT_RUN.matcher(text).replaceAll(m -> "#".repeat(m.group().length()));
    }

    private String redactLine(String line) {
        Matcher numberHeader = NUMBER_HEADER.matcher(line);
        if (numberHeader.matches()) {
            String value = numberHeader.group(2).trim();
            String token = value.isEmpty() || value.equals("<unknown>") ? value : pseudonymiser.caller(value);
            return numberHeader.group(1) + ": " + token;
        }
        if (HEADER.matcher(line).matches()) {
            return line;
        }
        return maskDigits(line);
    }
}
