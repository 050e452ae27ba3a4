package io.switchboard.amireplay;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An action a client sent to the replay server, as received (asterisk-java writes header names in lower case; lookups
 * here ignore case).
 */
public final class AmiAction {

    private final int connection;
    private final Instant receivedAt;
    private final AmiMessage message;

    AmiAction(int connection, Instant receivedAt, AmiMessage message) {
        this.connection = connection;
        this.receivedAt = Objects.requireNonNull(receivedAt);
        this.message = Objects.requireNonNull(message);
        if (message.actionName() == null) {
            throw new IllegalArgumentException("not an action: " + message);
        }
    }

    /** Builds an action as a client would send it, for handler tests: {@code of("Setvar", "Variable", "X")}. */
    public static AmiAction of(String name, String... headerNamesAndValues) {
        String[] all = new String[headerNamesAndValues.length + 2];
        all[0] = "Action";
        all[1] = name;
        System.arraycopy(headerNamesAndValues, 0, all, 2, headerNamesAndValues.length);
        return new AmiAction(0, Instant.now(), AmiMessage.of(all));
    }

    /** The action name as sent ({@code Action:} header), e.g. {@code QueueStatus}. */
    public String name() {
        return message.actionName();
    }

    /** Whether this is the named action (ignoring case, as Asterisk does). */
    public boolean is(String actionName) {
        return name().equalsIgnoreCase(actionName);
    }

    /** The ActionID the client sent, or {@code null}: every response to it carries this value back. */
    public String actionId() {
        return message.actionId();
    }

    /** The value of a header (ignoring case), or {@code null}. */
    public String header(String name) {
        return message.get(name);
    }

    /** All headers, {@code Action} and {@code ActionID} included, in the order sent. */
    public List<AmiMessage.Header> headers() {
        return message.headers();
    }

    /** The raw action. */
    public AmiMessage message() {
        return message;
    }

    /** Which connection sent it: 1 for the first connection the server accepted, 2 for the next, ... */
    public int connection() {
        return connection;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public String toString() {
        return "AmiAction[#" + connection + " " + message.headers() + "]";
    }
}
