package io.switchboard.amireplay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Asterisk manager (AMI) server on 127.0.0.1 that plays recorded transcripts of a real Asterisk 22.10.1 to
 * any AMI client, asterisk-java's {@code ManagerConnection} included.
 *
 * <h2>What a client sees</h2>
 * <ol>
 *   <li>The banner {@code Asterisk Call Manager/11.0.0}.</li>
 *   <li>Login as Asterisk does it: {@code Challenge} (AuthType MD5) then {@code Login} with {@code Key} =
 *       md5(challenge + secret) — what asterisk-java 3.42.2 sends — or a plain {@code Login} with {@code Secret}.
 *       Wrong credentials get {@code Response: Error / Message: Authentication failed} and the connection is
 *       closed. Before login every other action gets {@code Permission denied}.</li>
 *   <li>The recorded stream, byte for byte, with these exceptions: the recorded answer to the recorder's Login is
 *       replaced by the live answer to the client's Login; the recorded {@code Response: Goodbye} (answer to the
 *       recorder's Logoff) is never replayed; the recorded QueueStatus answer (response, QueueParams/QueueMember
 *       snapshot, QueueStatusComplete, all with the recorder's ActionID, e.g. {@code rec-a_answered-9}) is sent at
 *       its recorded place with the ActionID of the client's own QueueStatus — or skipped when the client sends none.
 *       Right after login the stream waits up to {@link Builder#queueStatusWait(Duration)} at that place for the
 *       client's QueueStatus. A QueueStatus sent later is answered at once with the same recorded snapshot.</li>
 *   <li>Recorded timing: the gaps between the recv() chunks of {@code <s>.ami.timing}, divided by the speed.</li>
 *   <li>Answers to the client's actions, between two replayed messages (never inside one), each with the client's
 *       ActionID: see {@link StandardActions}; Logoff answers {@code Response: Goodbye} and closes; an unknown
 *       action gets {@code Invalid/unknown command}. {@link Builder#onAction(String, ActionHandler)} overrides any
 *       of them.</li>
 *   <li>When the playlist is over (and it does not loop) the connection stays open and quiet, like an idle PBX.</li>
 * </ol>
 *
 * <h2>Several transcripts, loops</h2>
 * A playlist of several transcripts plays them one after another on the same connection; the Login answer,
 * FullyBooted (once per login) and the QueueStatus snapshot (unless the client has a QueueStatus pending) of the
 * later ones are left out. <b>In loop mode the identifiers are rewritten per pass</b> so a consumer never sees a
 * call twice: pass 0 is the recording itself, and each later pass shifts, consistently across all headers, the
 * Uniqueid-like values of every {@code *Uniqueid}/{@code *Linkedid} header (Uniqueid, Linkedid, DestUniqueid,
 * DestLinkedid, ...), the 8 hex digit suffix of every channel name ({@code PJSIP/trunk-00000000}) wherever it
 * appears, and bridge UUIDs. In loop mode the pass number is counted per server, not per connection, so a
 * client that reconnects also gets fresh identifiers. Timestamps are not rewritten. Without loop mode every
 * connection gets the recording's own identifiers.
 *
 * <h2>Fault injection</h2>
 * With {@link Builder#cutAfterMessages(int)} the first connection that has been sent n replayed events is closed
 * without a Goodbye (the bytes already written still arrive, then end of stream). It happens once per server. The
 * next client to log in gets the banner, a fresh session (live Login answer, FullyBooted) and then <b>the rest of
 * the stream after the cut</b>, from the event after the n-th, so a reconnect test can check that it resynchronised
 * without losing or repeating an event.
 *
 * <p>Connections are served concurrently, each with its own playback; a client that disconnects ends only its own
 * session. {@link #close()} stops everything within moments.
 */
public final class AmiReplayServer implements AutoCloseable {

    /** The AMI user of the recordings (pbx-config/manager.conf). */
    public static final String DEFAULT_USERNAME = "harness";
    /** Its secret. */
    public static final String DEFAULT_SECRET = "harness-secret";
    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(AmiReplayServer.class);

    /** Where a session cut by fault injection stopped: the next login resumes there. */
    record ResumePoint(int part, int step, long pass) {
    }

    private final ReplayConfig config;
    private final ServerSocket serverSocket;
    private final ExecutorService threads;
    private final Set<ReplaySession> sessions = ConcurrentHashMap.newKeySet();
    private final List<AmiAction> receivedActions = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger finishedPlaybacks = new AtomicInteger();
    private final AtomicLong passes = new AtomicLong();
    private final AtomicBoolean cutDone = new AtomicBoolean();
    private final AtomicReference<ResumePoint> resumePoint = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private AmiReplayServer(ReplayConfig config, int port) throws IOException {
        this.config = config;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 50);
        this.threads = Executors.newCachedThreadPool(daemonThreads("ami-replay-" + serverSocket.getLocalPort()));
        threads.execute(this::acceptLoop);
        if (config.liveEvents() != null) {
            LOG.info("AMI server listening on {}:{} (live events)", HOST, port());
        } else {
            LOG.info("AMI replay listening on {}:{} ({}, speed {}{})", HOST, port(),
                    config.script().parts().stream().map(p -> p.transcript().name()).toList(), config.speed(),
                    config.loop() ? ", looping" : "");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the free port chosen when the builder asked for 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Every action received, on any connection, in arrival order (Challenge and Login included). */
    public List<AmiAction> receivedActions() {
        return List.copyOf(receivedActions);
    }

    /** The received actions with this name (ignoring case), in arrival order. */
    public List<AmiAction> receivedActions(String actionName) {
        return receivedActions.stream().filter(a -> a.is(actionName)).toList();
    }

    /** How many connections were accepted so far. */
    public int connectionsAccepted() {
        return connections.get();
    }

    /**
     * Writes raw bytes to every open connection, between two messages: fault injection for a client's handling of
     * garbage, truncated messages, unknown event types or malformed fields.
     *
     * @return how many connections it was written to
     */
    public int injectRaw(byte[] bytes) {
        int written = 0;
        for (ReplaySession session : sessions) {
            try {
                session.sendRaw(bytes);
                written++;
            } catch (IOException e) {
                LOG.debug("injecting into a closed connection: {}", e.toString());
            }
        }
        return written;
    }

    /** How many connections are open now. */
    public int openConnections() {
        return sessions.size();
    }

    /** How many playbacks reached the end of the playlist (never, when looping). */
    public int finishedPlaybacks() {
        return finishedPlaybacks.get();
    }

    /** Whether the fault injected with {@code cutAfterMessages} has happened. */
    public boolean cutPerformed() {
        return cutDone.get();
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitClose() throws InterruptedException {
        closedLatch.await();
    }

    /** Stops listening, drops every connection and stops every playback. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("closing the listening socket: {}", e.toString());
        }
        sessions.forEach(ReplaySession::abort);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("AMI replay threads still running 5 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closedLatch.countDown();
        LOG.debug("AMI replay on port {} closed", serverSocket.getLocalPort());
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.warn("accept failed, the replay server stops listening", e);
                }
                return;
            }
            ReplaySession session = new ReplaySession(connections.incrementAndGet(), socket, this, config);
            sessions.add(session);
            LOG.debug("connection {} from {}", session.id(), socket.getRemoteSocketAddress());
            try {
                threads.execute(session);
            } catch (RuntimeException e) { // rejected: close() raced with accept()
                session.abort();
                sessions.remove(session);
            }
        }
    }

    // --- called by sessions and playbacks ---

    void execute(Runnable task) {
        threads.execute(task);
    }

    void recordAction(AmiAction action) {
        receivedActions.add(action);
    }

    void sessionEnded(ReplaySession session) {
        sessions.remove(session);
    }

    void playbackFinished() {
        finishedPlaybacks.incrementAndGet();
    }

    long nextPass() {
        return passes.getAndIncrement();
    }

    boolean claimCut() {
        return cutDone.compareAndSet(false, true);
    }

    void storeResumePoint(ResumePoint point) {
        resumePoint.set(point);
    }

    ResumePoint takeResumePoint() {
        return resumePoint.getAndSet(null);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs the server from the command line, for the local platform:
     * {@code java -cp ... io.switchboard.amireplay.AmiReplayServer --port 5038 --speed 1 --loop --scenarios all}.
     * Prints {@code AMI replay listening on 127.0.0.1:<port>} once it accepts connections; runs until killed.
     */
    public static void main(String[] args) throws Exception {
        Builder builder;
        try {
            builder = ReplayCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ReplayCommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (builder == null) {
            System.out.println(ReplayCommandLine.USAGE);
            return;
        }
        AmiReplayServer server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ami-replay-shutdown"));
        System.out.println("AMI replay listening on " + HOST + ":" + server.port());
        System.out.flush();
        server.awaitClose();
    }

    /** Settings of a replay server; every one has a default, so {@code builder().start()} plays all scenarios. */
    public static final class Builder {

        private final List<String> scenarios = new ArrayList<>();
        private final Map<String, ActionHandler> handlers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private List<AmiMessage> coreShowChannels = List.of();
        private int port;
        private boolean loop;
        private int maxPasses;
        private double speed = 1.0;
        private String username = DEFAULT_USERNAME;
        private String secret = DEFAULT_SECRET;
        private Duration afterLoginDelay = Duration.ZERO;
        private Duration queueStatusWait = Duration.ofSeconds(1);
        private int cutAfterEvents;
        private LiveEventSource liveEvents;

        private Builder() {
        }

        /** Port on 127.0.0.1; 0 (the default) picks a free one, see {@link AmiReplayServer#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The playlist, played in this order on every connection (default: all of {@link AmiTranscript#SCENARIOS},
         * in recording order). May be called again to add more.
         */
        public Builder scenarios(String... names) {
            return scenarios(Arrays.asList(names));
        }

        /** As {@link #scenarios(String...)}. */
        public Builder scenarios(List<String> names) {
            for (String name : names) {
                AmiTranscript.load(name); // fails early on an unknown name
                scenarios.add(name);
            }
            return this;
        }

        /** Play the playlist again and again, with identifiers rewritten per pass (see the class comment). */
        public Builder loop(boolean loop) {
            this.loop = loop;
            return this;
        }

        /** Loop the playlist this many times in all, then stay quiet (for benchmarks); implies {@link #loop}. */
        public Builder passes(int passes) {
            if (passes < 1) {
                throw new IllegalArgumentException("passes must be at least 1: " + passes);
            }
            this.loop = true;
            this.maxPasses = passes;
            return this;
        }

        /**
         * Speed factor: 1.0 is real time, 50.0 fifty times faster; {@link Double#POSITIVE_INFINITY} sends as fast as
         * possible. Must be positive.
         */
        public Builder speed(double speed) {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("speed must be > 0 (Double.POSITIVE_INFINITY for no delays): " + speed);
            }
            this.speed = speed;
            return this;
        }

        /** Same as {@code speed(Double.POSITIVE_INFINITY)}. */
        public Builder asFastAsPossible() {
            return speed(Double.POSITIVE_INFINITY);
        }

        /** The AMI user the server accepts (default harness / harness-secret, as in the recordings). */
        public Builder credentials(String username, String secret) {
            this.username = Objects.requireNonNull(username);
            this.secret = Objects.requireNonNull(secret);
            return this;
        }

        /** Extra pause between the Login answer and the rest of the stream (default none). */
        public Builder afterLoginDelay(Duration delay) {
            this.afterLoginDelay = requireNotNegative(delay);
            return this;
        }

        /**
         * How long the stream waits, right after login, at the recorded QueueStatus answer for the client to send its
         * own QueueStatus (default 1 s; zero: never wait). The wait ends as soon as the QueueStatus arrives.
         */
        public Builder queueStatusWait(Duration wait) {
            this.queueStatusWait = requireNotNegative(wait);
            return this;
        }

        /**
         * Fault injection: close the first connection that has been sent {@code events} replayed events (the
         * QueueStatus snapshot does not count), abruptly, once per server; the next login resumes after the cut.
         * 0 disables it.
         */
        public Builder cutAfterMessages(int events) {
            if (events < 0) {
                throw new IllegalArgumentException("cutAfterMessages must be >= 0: " + events);
            }
            this.cutAfterEvents = events;
            return this;
        }

        /**
         * Answers the named action (ignoring case) with this handler instead of the built-in answer. Works for any
         * action except Challenge and Login; a handler for QueueStatus or Logoff replaces the replay's own answer.
         */
        public Builder onAction(String actionName, ActionHandler handler) {
            if (actionName.equalsIgnoreCase("Login") || actionName.equalsIgnoreCase("Challenge")) {
                throw new IllegalArgumentException("authentication is the server's own job: " + actionName);
            }
            handlers.put(actionName, Objects.requireNonNull(handler));
            return this;
        }

        /** The {@code CoreShowChannel} events listed by CoreShowChannels (default none: {@code ListItems: 0}). */
        public Builder coreShowChannels(List<AmiMessage> channels) {
            this.coreShowChannels = List.copyOf(channels);
            return this;
        }

        /**
         * Serves a live stream instead of the transcripts: after login each connection gets what {@code source}
         * sends it (see {@link LiveEventSource}); the playlist, loop, timing and cut settings then do not apply.
         * Login, the built-in and registered action answers and Logoff work as in a replay.
         */
        public Builder liveEvents(LiveEventSource source) {
            this.liveEvents = Objects.requireNonNull(source);
            return this;
        }

        /** Starts listening; the returned server is ready for connections. */
        public AmiReplayServer start() {
            List<String> names = scenarios.isEmpty() ? AmiTranscript.SCENARIOS : scenarios;
            ReplayScript script = new ReplayScript(names.stream().map(AmiTranscript::load).toList());
            ReplayConfig config = new ReplayConfig(script, loop, maxPasses, speed, username, secret, afterLoginDelay,
                    queueStatusWait, cutAfterEvents, handlers, StandardActions.defaults(coreShowChannels), liveEvents);
            try {
                return new AmiReplayServer(config, port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + HOST + ":" + port, e);
            }
        }

        private static Duration requireNotNegative(Duration duration) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative duration: " + duration);
            }
            return duration;
        }
    }
}
