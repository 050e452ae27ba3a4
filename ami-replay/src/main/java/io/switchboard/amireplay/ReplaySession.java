package io.switchboard.amireplay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, behaving like an Asterisk manager session: banner, Challenge/Login, then the replayed
 * stream (run by a {@link Playback} on its own thread) interleaved with the answers to the client's actions.
 *
 * <p>This class runs the reader side. Writes from both threads go through {@link #send(List)}, one message list at a
 * time under a lock, so an answer never lands inside a replayed message.
 */
final class ReplaySession implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplaySession.class);

    /** After the server ends a session it still reads, so the last bytes reach the client before the socket closes. */
    private static final int DRAIN_TIMEOUT_MILLIS = 5_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int id;
    private final Socket socket;
    private final AmiReplayServer server;
    private final ReplayConfig config;
    private final Object writeLock = new Object();

    private OutputStream out;
    private volatile boolean outputFinished;
    private volatile Playback playback;
    /** In live mode: what to run when the connection ends (set once at login). */
    private volatile Runnable liveDetach;

    // Only touched by the reader thread.
    private String challenge;
    private boolean authenticated;

    ReplaySession(int id, Socket socket, AmiReplayServer server, ReplayConfig config) {
        this.id = id;
        this.socket = socket;
        this.server = server;
        this.config = config;
    }

    int id() {
        return id;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            synchronized (writeLock) {
                out.write((config.script().banner() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            AmiActionReader reader = new AmiActionReader(new BufferedInputStream(socket.getInputStream()));
            AmiMessage message;
            while ((message = reader.next()) != null) {
                if (!outputFinished) {
                    handle(message);
                }
            }
            LOG.debug("connection {}: client closed the connection", id);
        } catch (SocketTimeoutException e) {
            LOG.debug("connection {}: client did not close after the server ended the session", id);
        } catch (IOException e) {
            LOG.debug("connection {}: {}", id, e.toString());
        } finally {
            stopPlayback();
            server.sessionEnded(this);
        }
    }

    private void handle(AmiMessage message) throws IOException {
        if (message.actionName() == null) {
            send(List.of(AmiMessage.of("Response", "Error", "Message", "Missing action in request")
                    .withActionId(message.actionId())));
            return;
        }
        AmiAction action = new AmiAction(id, Instant.now(), message);
        server.recordAction(action);
        if (action.is("Challenge")) {
            answerChallenge(action);
        } else if (action.is("Login")) {
            answerLogin(action);
        } else if (!authenticated) {
            // Asterisk lets an unauthenticated session only log in or leave.
            reply(action, action.is("Logoff") ? goodbye() : ActionReply.error("Permission denied"));
        } else {
            answer(action);
        }
    }

    private void answer(AmiAction action) throws IOException {
        ActionHandler custom = config.customHandlers().get(action.name());
        if (custom != null) {
            reply(action, callHandler(custom, action));
            return;
        }
        if (action.is("Logoff")) {
            reply(action, goodbye());
            return;
        }
        Playback current = playback;
        if (current != null) {
            if (current.answerInStream(action)) {
                return; // the recorded answer (the QueueStatus snapshot) goes out at its place in the stream
            }
            List<AmiMessage> recorded = current.recordedAnswer(action);
            if (!recorded.isEmpty()) {
                send(recorded);
                return;
            }
        }
        ActionHandler standard = config.standardHandlers().get(action.name());
        reply(action, standard == null ? StandardActions.unknown(action) : callHandler(standard, action));
    }

    private ActionReply callHandler(ActionHandler handler, AmiAction action) {
        try {
            return handler.handle(action);
        } catch (RuntimeException e) {
            LOG.warn("connection {}: handler for {} failed", id, action.name(), e);
            return ActionReply.error("Internal error in the replay server's " + action.name() + " handler: " + e);
        }
    }

    private static ActionReply goodbye() {
        return ActionReply.of(AmiMessage.of("Response", "Goodbye", "Message", "Thanks for all the fish.")).thenClose();
    }

    private void answerChallenge(AmiAction action) throws IOException {
        String authType = action.header("AuthType");
        if (authType == null || !authType.equalsIgnoreCase("MD5")) {
            reply(action, ActionReply.error("Must specify AuthType"));
            return;
        }
        if (challenge == null) {
            // Asterisk's challenge is a random number in decimal, kept for the session.
            challenge = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE);
        }
        reply(action, ActionReply.of(AmiMessage.of("Response", "Success", "Challenge", challenge)));
    }

    private void answerLogin(AmiAction action) throws IOException {
        if (authenticated) {
            reply(action, ActionReply.success("Already authenticated"));
            return;
        }
        if (!credentialsMatch(action)) {
            LOG.info("connection {}: login refused for user '{}'", id, action.header("Username"));
            // Asterisk closes the session after a failed login.
            reply(action, ActionReply.error("Authentication failed").thenClose());
            return;
        }
        authenticated = true;
        boolean eventsWanted = !"off".equalsIgnoreCase(String.valueOf(action.header("Events")).trim());
        reply(action, ActionReply.success("Authentication accepted"));
        if (config.liveEvents() != null) {
            LOG.debug("connection {}: logged in, live events", id);
            liveDetach = config.liveEvents().connected(liveConnection(eventsWanted));
            if (outputFinished) {
                stopPlayback(); // closed while the source attached it
            }
            return;
        }
        LOG.debug("connection {}: logged in, replay starts", id);
        playback = new Playback(this, server, config, eventsWanted);
        try {
            server.execute(playback);
        } catch (RejectedExecutionException e) { // the server is closing
            abort();
        }
    }

    private LiveConnection liveConnection(boolean eventsWanted) {
        return new LiveConnection() {
            @Override
            public int id() {
                return id;
            }

            @Override
            public boolean eventsWanted() {
                return eventsWanted;
            }

            @Override
            public void send(List<AmiMessage> messages) throws IOException {
                ReplaySession.this.send(messages);
            }

            @Override
            public void close() {
                finishOutput();
            }
        };
    }

    private boolean credentialsMatch(AmiAction action) {
        if (!config.username().equals(action.header("Username"))) {
            return false;
        }
        String authType = action.header("AuthType");
        if (authType != null && authType.equalsIgnoreCase("MD5")) {
            String key = action.header("Key");
            return challenge != null && key != null && key.equalsIgnoreCase(md5Hex(challenge + config.secret()));
        }
        return config.secret().equals(action.header("Secret"));
    }

    private static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /** Sends a reply, stamping the client's ActionID on the response when the handler left it out. */
    private void reply(AmiAction action, ActionReply reply) throws IOException {
        AmiMessage response = reply.response();
        if (!response.has("ActionID") && action.actionId() != null) {
            response = response.withActionId(action.actionId());
        }
        List<AmiMessage> messages = new ArrayList<>();
        messages.add(response);
        messages.addAll(reply.events());
        send(messages);
        if (reply.closeConnection()) {
            finishOutput();
        }
        if (reply.afterSent() != null) {
            try {
                reply.afterSent().run();
            } catch (RuntimeException e) {
                LOG.warn("connection {}: the task run after answering {} failed", id, action.name(), e);
            }
        }
    }

    /** Writes whole messages, atomically with respect to the other thread. */
    void send(List<AmiMessage> messages) throws IOException {
        synchronized (writeLock) {
            if (outputFinished) {
                throw new IOException("connection " + id + " was ended by the server");
            }
            for (AmiMessage message : messages) {
                out.write(message.wireBytes());
            }
            out.flush();
        }
    }

    /** Writes a message without flushing: for playing as fast as possible, where a flush per message costs more. */
    void sendBuffered(AmiMessage message) throws IOException {
        synchronized (writeLock) {
            if (outputFinished) {
                throw new IOException("connection " + id + " was ended by the server");
            }
            out.write(message.wireBytes());
        }
    }

    void flush() throws IOException {
        synchronized (writeLock) {
            if (!outputFinished) {
                out.flush();
            }
        }
    }

    /** Writes raw bytes between two messages (fault injection: garbage, truncated or malformed messages). */
    void sendRaw(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            if (outputFinished) {
                throw new IOException("connection " + id + " was ended by the server");
            }
            out.write(bytes);
            out.flush();
        }
    }

    /**
     * Ends the session from the server side (Logoff, failed login, fault injection): what was sent still reaches the
     * client, then it sees end of stream. Reading goes on briefly so the socket is not reset under unread input.
     */
    void finishOutput() {
        synchronized (writeLock) {
            if (outputFinished) {
                return;
            }
            outputFinished = true;
            try {
                out.flush();
                socket.shutdownOutput();
                socket.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
            } catch (IOException e) {
                LOG.debug("connection {}: {}", id, e.toString());
            }
        }
        stopPlayback();
    }

    /** Drops the connection at once (server shutdown). */
    void abort() {
        stopPlayback();
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("connection {}: {}", id, e.toString());
        }
    }

    private void stopPlayback() {
        Playback current = playback;
        if (current != null) {
            current.stop();
        }
        Runnable detach;
        synchronized (this) {
            detach = liveDetach;
            liveDetach = null;
        }
        if (detach != null) {
            try {
                detach.run();
            } catch (RuntimeException e) {
                LOG.warn("connection {}: detaching the live event source failed", id, e);
            }
        }
    }
}
