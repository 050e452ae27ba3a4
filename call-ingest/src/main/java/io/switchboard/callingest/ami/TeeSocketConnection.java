package io.switchboard.callingest.ami;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Wraps asterisk-java's socket so every AMI message is also handed, as raw lines, to Switchboard's own queue, in
 * asterisk-java's reader thread and before asterisk-java parses it.
 *
 * <p>Why: asterisk-java's event pump drops events when its queue is full and drops unknown event types; reading
 * the lines here means nothing can be lost between the socket and the lifecycle, a malformed message reaches the
 * dead-letter topic exactly as received, and a full queue slows the reading of the socket instead of losing data.
 */
final class TeeSocketConnection implements SocketConnectionFacade {

    private static final String BANNER_PREFIX = "Asterisk Call Manager/";

    private final SocketConnectionFacade delegate;
    private final Consumer<Inbound> sink;
    private List<String> current = new ArrayList<>();
    private boolean skippingResponse;

    TeeSocketConnection(SocketConnectionFacade delegate, Consumer<Inbound> sink) {
        this.delegate = delegate;
        this.sink = sink;
    }

    @Override
    public String readLine() throws IOException {
        String line;
        try {
            line = delegate.readLine();
        } catch (IOException e) {
            flushTruncated();
            throw e;
        }
        if (line == null) {
            flushTruncated();
        } else {
            observe(line);
        }
        return line;
    }

    /** A message cut off by the end of the connection is still handed over, marked, so it is not lost unseen. */
    private void flushTruncated() {
        if (!current.isEmpty() && !skippingResponse) {
            sink.accept(new Inbound.Lines(current, Instant.now(), true));
        }
        current = new ArrayList<>();
        skippingResponse = false;
    }

    private void observe(String line) {
        if (line.isEmpty()) {
            if (!current.isEmpty() && !skippingResponse) {
                sink.accept(new Inbound.Lines(current, Instant.now(), false));
            }
            current = new ArrayList<>();
            skippingResponse = false;
            return;
        }
        if (current.isEmpty() && !skippingResponse) {
            if (line.startsWith(BANNER_PREFIX)) {
                return;
            }
            // Responses belong to asterisk-java, which matches them to the actions it sent.
            skippingResponse = line.startsWith("Response:");
        }
        if (!skippingResponse) {
            current.add(line);
        }
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
