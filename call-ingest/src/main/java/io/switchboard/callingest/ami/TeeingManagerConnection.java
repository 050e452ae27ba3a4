package io.switchboard.callingest.ami;

import java.io.IOException;
import java.util.function.Consumer;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;

/** asterisk-java's manager connection, with its socket wrapped by a {@link TeeSocketConnection}. */
final class TeeingManagerConnection extends ManagerConnectionImpl {

    private final Consumer<Inbound> sink;

    TeeingManagerConnection(Consumer<Inbound> sink) {
        this.sink = sink;
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        return new TeeSocketConnection(super.createSocket(), sink);
    }
}
