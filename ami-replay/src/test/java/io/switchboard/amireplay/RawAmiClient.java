package io.switchboard.amireplay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A bare AMI client on a socket, for byte-level tests: it sends exactly what it is told and reads raw bytes.
 * Reads time out after 10 s so a broken server fails a test instead of hanging it.
 */
final class RawAmiClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    RawAmiClient(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(AmiReplayServer.HOST, port), 5_000);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one action from alternating header names and values, e.g. {@code send("Action", "Ping")}. */
    RawAmiClient send(String... namesAndValues) {
        return sendRaw(AmiMessage.of(namesAndValues).bytes());
    }

    RawAmiClient sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the banner line, CRLF excluded. */
    String readBanner() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = read();
            if (b < 0) {
                throw new IllegalStateException("end of stream before the banner");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    /** Reads banner, then logs in with a plain Secret and returns the Login answer. */
    AmiMessage login(String actionId, String username, String secret) {
        readBanner();
        send("Action", "Login", "ActionID", actionId, "Username", username, "Secret", secret);
        return readMessage();
    }

    AmiMessage login(String actionId) {
        return login(actionId, AmiReplayServer.DEFAULT_USERNAME, AmiReplayServer.DEFAULT_SECRET);
    }

    /** The next whole message (up to CRLF CRLF), or {@code null} at end of stream. */
    AmiMessage readMessage() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b = read();
            if (b < 0) {
                if (message.size() > 0) {
                    throw new IllegalStateException("end of stream inside a message: " + message);
                }
                return null;
            }
            message.write(b);
            byte[] bytes = message.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return AmiMessage.fromRecording(bytes);
            }
        }
    }

    /** Reads messages until one matches (included), failing at end of stream. */
    List<AmiMessage> readUntil(Predicate<AmiMessage> last) {
        List<AmiMessage> messages = new ArrayList<>();
        while (true) {
            AmiMessage message = readMessage();
            if (message == null) {
                throw new IllegalStateException("end of stream after " + messages.size() + " messages");
            }
            messages.add(message);
            if (last.test(message)) {
                return messages;
            }
        }
    }

    /** Reads every message up to end of stream. */
    List<AmiMessage> readAll() {
        List<AmiMessage> messages = new ArrayList<>();
        AmiMessage message;
        while ((message = readMessage()) != null) {
            messages.add(message);
        }
        return messages;
    }

    /** Reads exactly {@code count} bytes. */
    byte[] readBytes(int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            int b = read();
            if (b < 0) {
                throw new IllegalStateException("end of stream after " + i + " of " + count + " bytes");
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    /** Whether the server has closed the connection (reads until end of stream, dropping what comes). */
    boolean isClosedByServer() {
        return read() < 0 || readAllBytesUntilEnd();
    }

    private boolean readAllBytesUntilEnd() {
        while (read() >= 0) {
            // drain
        }
        return true;
    }

    /** Everything read so far, banner included. */
    byte[] receivedBytes() {
        return received.toByteArray();
    }

    private int read() {
        try {
            int b = in.read();
            if (b >= 0) {
                received.write(b);
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do in a test
        }
    }
}
