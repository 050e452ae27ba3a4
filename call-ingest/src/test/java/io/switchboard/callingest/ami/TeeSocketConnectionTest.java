package io.switchboard.callingest.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.asteriskjava.util.SocketConnectionFacade;
import org.junit.jupiter.api.Test;

class TeeSocketConnectionTest {

    private final List<Inbound> seen = new ArrayList<>();

    @Test
    void handsOverEveryEventInOrderAndLeavesResponsesAndTheBannerToAsteriskJava() throws IOException {
        TeeSocketConnection tee = new TeeSocketConnection(lines("Asterisk Call Manager/11.0.0",
                "Response: Success", "ActionID: 1#x", "Message: Authentication accepted", "",
                "Event: FullyBooted", "Status: Fully Booted", "",
                "Event: Hangup", "Uniqueid: 1.0", ""), seen::add);
        List<String> passedThrough = new ArrayList<>();
        for (String line; (line = tee.readLine()) != null; ) {
            passedThrough.add(line);
        }

        assertThat(passedThrough).as("asterisk-java sees the banner and the response, not the events")
                .containsExactly("Asterisk Call Manager/11.0.0", "Response: Success", "ActionID: 1#x",
                        "Message: Authentication accepted", "");
        assertThat(seen).extracting(i -> ((Inbound.Lines) i).lines()).containsExactly(
                List.of("Event: FullyBooted", "Status: Fully Booted"),
                List.of("Event: Hangup", "Uniqueid: 1.0"));
    }

    @Test
    void aMessageCutOffByTheEndOfTheConnectionIsHandedOverAsTruncated() throws IOException {
        TeeSocketConnection tee = new TeeSocketConnection(lines("Event: Hangup", "Uniqueid: 1."), seen::add);
        while (tee.readLine() != null) {
            // read to the end
        }
        assertThat(seen).singleElement().satisfies(i -> {
            assertThat(((Inbound.Lines) i).truncated()).isTrue();
            assertThat(((Inbound.Lines) i).lines()).containsExactly("Event: Hangup", "Uniqueid: 1.");
        });
    }

    @Test
    void aMessageCutOffByAReadErrorIsHandedOverToo() {
        Deque<String> queue = new ArrayDeque<>(List.of("Event: Newchannel"));
        TeeSocketConnection tee = new TeeSocketConnection(new Fake(queue, true), seen::add);
        assertThatThrownBy(() -> {
            while (tee.readLine() != null) {
                // read until the failure
            }
        }).isInstanceOf(IOException.class);
        assertThat(seen).singleElement().satisfies(i -> assertThat(((Inbound.Lines) i).truncated()).isTrue());
    }

    private static SocketConnectionFacade lines(String... lines) {
        return new Fake(new ArrayDeque<>(List.of(lines)), false);
    }

    private record Fake(Deque<String> lines, boolean failAtEnd) implements SocketConnectionFacade {
        @Override
        public String readLine() throws IOException {
            if (lines.isEmpty() && failAtEnd) {
                throw new IOException("connection reset");
            }
            return lines.poll();
        }

        @Override
        public void write(String s) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public InetAddress getLocalAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int getLocalPort() {
            return 0;
        }

        @Override
        public InetAddress getRemoteAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int getRemotePort() {
            return 0;
        }
    }
}
