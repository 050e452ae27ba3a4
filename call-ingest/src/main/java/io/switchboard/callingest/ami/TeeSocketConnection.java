package io.switchboard.callingest.ami;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Wraps asterisk-java's socket: event messages go, as raw lines, to Switchboard's own queue, in asterisk-java's
 * reader thread; asterisk-java sees only the banner and the responses to its actions.
 *
 * <p>Why: asterisk-java's event pump drops events when its queue is full and drops unknown event types; reading
 * the lines here means nothing can be lost between the socket and the lifecycle, a malformed message reaches the
 * dead-letter topic exactly as received, and a full queue slows the reading of the socket instead of losing data.
 * It also spares asterisk-java's reflective parse of events nobody would read (see bench/run ami-ingest).
 */
final class TeeSocketConnection implements SocketConnectionFacade {

    private static final String BANNER_PREFIX = "Asterisk Call Manager/";

    private final SocketConnectionFacade delegate;
    private final Consumer<Inbound> sink;
    private List<String> current = new ArrayList<>();
    private boolean forwardingResponse;

    TeeSocketConnection(SocketConnectionFacade delegate, Consumer<Inbound> sink) {
        this.delegate = delegate;
        this.sink = sink;
    }

    /**
     * The next line for asterisk-java: the banner and responses only. Event messages (and garbage) are taken here and
     * never reach asterisk-java's parser, which would build a typed object by reflection for each one only for
     * Switchboard to ignore it; asterisk-java keeps what it is used for: login, actions and their responses, and
     * noticing a dead connection.
     */
    @Override
    public String readLine() throws IOException {
        while (true) {
            String line;
            try {
                line = delegate.readLine();
            } catch (IOException e) {
                flushTruncated();
                throw e;
            }
            if (line == null) {
                flushTruncated();
                return null;
            }
            if (observe(line)) {
                return line;
            }
        }
    }

    /** @return true when asterisk-java should see the line (banner, response), false when it was taken here */
    private boolean observe(String line) {
        if (line.isEmpty()) {
            boolean endOfResponse = forwardingResponse;
            if (!current.isEmpty()) {
                sink.accept(new Inbound.Lines(current, Instant.now(), false));
                current = new ArrayList<>();
            }
            forwardingResponse = false;
            return endOfResponse;
        }
        if (current.isEmpty() && !forwardingResponse) {
            if (line.startsWith(BANNER_PREFIX)) {
                return true;
            }
            // Responses belong to asterisk-java, which matches them to the actions it sent.
            forwardingResponse = line.startsWith("Response:");
        }
        if (forwardingResponse) {
            return true;
        }
        current.add(line);
        return false;
    }

    /** A message cut off by the end of the connection is still handed over, marked, so it is not lost unseen. */
    private void flushTruncated() {
        if (!current.isEmpty()) {
            sink.accept(new Inbound.Lines(current, Instant.now(), true));
        }
        current = new ArrayList<>();
        forwardingResponse = false;
    }

    @Override
    public void write(String s) throws IOException {
        delegate.write(s);
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
        return delegate.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return delegate.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return delegate.getRemoteAddress();
    }

    @Override
    public int getRemotePort() {
        return delegate.getRemotePort();
    }
}
