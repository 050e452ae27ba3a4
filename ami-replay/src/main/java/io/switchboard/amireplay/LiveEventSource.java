package io.switchboard.amireplay;

/**
 * A live event stream served instead of the recorded transcripts (see
 * {@link AmiReplayServer.Builder#liveEvents(LiveEventSource)}), e.g. a call-centre simulator that speaks AMI.
 *
 * <p>The server keeps doing what it does for a replay: banner, Challenge/Login, the answers to actions (built-in or
 * registered with {@code onAction}), Logoff. Only the stream after login comes from this source instead of a
 * {@code Playback} of the transcripts.
 */
@FunctionalInterface
public interface LiveEventSource {

    /**
     * A client has logged in (its Login answer is already written). The source sends it messages with
     * {@link LiveConnection#send} from any thread, until the connection ends.
     *
     * <p>Called on the connection's reader thread; it should return promptly.
     *
     * @return run once when the connection ends (client gone, Logoff, server closed): stop sending to it
     */
    Runnable connected(LiveConnection connection);
}
