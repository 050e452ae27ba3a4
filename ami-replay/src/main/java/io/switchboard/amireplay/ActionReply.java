package io.switchboard.amireplay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the server sends back for one action: a response, then optional events, then optionally a close of the
 * connection (as after {@code Logoff}).
 *
 * <p>The server stamps the client's ActionID on the response when it has none; events are sent as given (Asterisk
 * puts the ActionID only on the events of a list answer, such as {@code CoreShowChannel}).
 *
 * @param response        the response, starting with {@code Response:}
 * @param events          events to send right after the response, in order
 * @param closeConnection whether the server closes the connection once they are sent
 * @param afterSent       run on the connection's reader thread once the response and events are written (may be
 *                        {@code null}): what an action causes, e.g. the VarSet of a Setvar, comes after its answer,
 *                        as with Asterisk
 */
public record ActionReply(AmiMessage response, List<AmiMessage> events, boolean closeConnection, Runnable afterSent) {

    public ActionReply {
        Objects.requireNonNull(response, "response");
        if (!response.isResponse()) {
            throw new IllegalArgumentException("a reply must start with a Response: header, got " + response);
        }
        events = List.copyOf(events);
    }

    /** A reply with nothing to run after it is sent. */
    public ActionReply(AmiMessage response, List<AmiMessage> events, boolean closeConnection) {
        this(response, events, closeConnection, null);
    }

    /** {@code Response: Success} with a {@code Message:}. */
    public static ActionReply success(String message) {
        return of(AmiMessage.of("Response", "Success", "Message", message));
    }

    /** {@code Response: Error} with a {@code Message:}. */
    public static ActionReply error(String message) {
        return of(AmiMessage.of("Response", "Error", "Message", message));
    }

    /** A reply made of this response alone. */
    public static ActionReply of(AmiMessage response) {
        return new ActionReply(response, List.of(), false);
    }

    /** This reply with more events after the response. */
    public ActionReply withEvents(AmiMessage... more) {
        List<AmiMessage> all = new ArrayList<>(events);
        all.addAll(Arrays.asList(more));
        return new ActionReply(response, all, closeConnection, afterSent);
    }

    /** This reply, after which the server closes the connection. */
    public ActionReply thenClose() {
        return new ActionReply(response, events, true, afterSent);
    }

    /** This reply, after which the server runs {@code task} (once the reply is written). */
    public ActionReply thenRun(Runnable task) {
        return new ActionReply(response, events, closeConnection, Objects.requireNonNull(task));
    }
}
