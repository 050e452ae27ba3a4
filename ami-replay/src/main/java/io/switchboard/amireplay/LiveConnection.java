package io.switchboard.amireplay;

import java.io.IOException;
import java.util.List;

/** One logged-in client connection, as a {@link LiveEventSource} sees it. */
public interface LiveConnection {

    /** The connection number, as in {@link AmiAction#connection()}: 1 for the first connection accepted, ... */
    int id();

    /** False when the client logged in with {@code Events: off}: Asterisk then sends it no events. */
    boolean eventsWanted();

    /**
     * Writes whole messages, never interleaved with the answer to an action.
     *
     * @throws IOException when the connection is closed or broken
     */
    void send(List<AmiMessage> messages) throws IOException;

    /** Ends the connection from the server side (what was sent still arrives, then end of stream). */
    void close();
}
