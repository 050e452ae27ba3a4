package io.switchboard.simulator;

import io.switchboard.amireplay.AmiMessage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bare AMI client for tests: writes actions, collects every message the server sends, in order. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final List<AmiMessage> received = new CopyOnWriteArrayList<>();
    private volatile String banner;
    private final Thread reader;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        reader = new Thread(() -> read(in), "raw-ami-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
                line.reset();
                if (banner == null) {
                    banner = text;
                } else if (text.isEmpty()) {
                    if (message.size() > 0) {
                        received.add(AmiMessage.parse(message.toByteArray()));
                        message.reset();
                    }
                } else {
                    message.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    void send(String... namesAndValues) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            s.append(namesAndValues[i]).append(": ").append(namesAndValues[i + 1]).append("\r\n");
        }
        s.append("\r\n");
        synchronized (out) {
            out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    String banner() {
        return banner;
    }

    List<AmiMessage> received() {
        return List.copyOf(received);
    }

    List<AmiMessage> events(String name) {
        return received.stream().filter(m -> name.equals(m.eventName())).toList();
    }

    /** Index of the first message matching, or -1. */
    int indexOf(java.util.function.Predicate<AmiMessage> test) {
        List<AmiMessage> all = received();
        for (int i = 0; i < all.size(); i++) {
            if (test.test(all.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
