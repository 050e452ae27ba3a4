package io.switchboard.simulator;

import io.switchboard.amireplay.ActionReply;
import io.switchboard.amireplay.AmiAction;
import io.switchboard.amireplay.AmiMessage;
import io.switchboard.amireplay.AmiReplayServer;
import io.switchboard.amireplay.LiveConnection;
import io.switchboard.amireplay.StandardActions;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated PBX's Manager Interface: ami-replay's {@link AmiReplayServer} in live mode (banner
 * {@code Asterisk Call Manager/11.0.0}, Challenge/MD5 and plain Login, Ping, CoreSettings, Command, Logoff exactly
 * as for a replay), serving the {@link Simulation}'s events to every logged-in client, and answering the actions
 * that touch the provider from the model's live state:
 *
 * <ul>
 *   <li>{@code Setvar} without Channel sets a global variable: the answer, then {@code VarSet Channel: none} to every
 *       client, and the contingency switch takes effect for the next caller (e_contingency_switch);</li>
 *   <li>{@code GetVar} reads a global variable (call-ingest reads the switch after every connect);</li>
 *   <li>{@code QueueStatus} lists QueueParams, QueueMember and QueueEntry from the model; {@code CoreShowChannels}
 *       lists the live channels (call-ingest's resync after a reconnect);</li>
 *   <li>{@code QueuePause}, {@code BlindTransfer} (to transfer-targets,clinician), {@code Hangup}, {@code DBPut},
 *       {@code DBDel} act on the model; the events they cause follow their answer, as with Asterisk.</li>
 * </ul>
 *
 * <p>Each client has its own outgoing queue and writer thread, so a slow client never holds up the simulation or the
 * other clients; one that falls {@value #MAX_BACKLOG} events behind is disconnected (Asterisk's writetimeout does
 * the same to a stuck client).
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    static final int MAX_BACKLOG = 1_000_000;
    private static final DateTimeFormatter EVENT_TV = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final Simulation simulation;
    private final double speed;
    private final boolean startOnLogin;
    private final String username;
    private final AmiReplayServer server;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();
    private final Instant bootedAt = Instant.now();
    private volatile long linkDownUntilNanos = System.nanoTime();

    private SimulatorServer(Builder b) {
        this.simulation = b.simulation;
        this.speed = b.speed;
        this.startOnLogin = b.startOnLogin;
        this.username = b.username;
        simulation.addListener(this::broadcast);
        this.server = AmiReplayServer.builder()
                .port(b.port)
                .credentials(b.username, b.secret)
                .liveEvents(this::connected)
                .onAction("Setvar", this::setvar)
                .onAction("GetVar", this::getvar)
                .onAction("QueueStatus", this::queueStatus)
                .onAction("CoreShowChannels", this::coreShowChannels)
                .onAction("QueuePause", this::queuePause)
                .onAction("BlindTransfer", this::blindTransfer)
                .onAction("Hangup", this::hangup)
                .onAction("DBPut", this::dbPut)
                .onAction("DBDel", this::dbDel)
                .onAction("Atxfer", a -> ActionReply.error("Atxfer is not simulated: attended transfers are the model's"))
                .start();
        if (!startOnLogin && !b.startWhenTold) {
            simulation.start(speed);
        }
    }

    /** Starts the virtual clock (see {@link Builder#startWhenTold()}); does nothing if it runs already. */
    public void startClock() {
        simulation.start(speed);
    }

    public static Builder builder(Simulation simulation) {
        return new Builder(simulation);
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return server.port();
    }

    public Simulation simulation() {
        return simulation;
    }

    /** Every action received (as ami-replay records them). */
    public List<AmiAction> receivedActions(String name) {
        return server.receivedActions(name);
    }

    public int connectedClients() {
        return clients.size();
    }

    public int logins() {
        return logins.get();
    }

    /**
     * A PBX link failure: every AMI client is cut off at once, and for {@code down} (wall-clock) every new login is
     * answered and then dropped, as when the network between the PBX and its clients fails. The calls go on.
     */
    public void cutLink(java.time.Duration down) {
        linkDownUntilNanos = System.nanoTime() + down.toNanos();
        for (Client client : clients) {
            client.connection.close();
        }
    }

    private boolean linkDown() {
        return System.nanoTime() - linkDownUntilNanos < 0;
    }

    @Override
    public void close() {
        server.close();
        clients.forEach(Client::stop);
        simulation.close();
    }

    // ---------------------------------------------------------------- connections

    private Runnable connected(LiveConnection connection) {
        if (linkDown()) {
            connection.close();
            return () -> { };
        }
        logins.incrementAndGet();
        Client client = new Client(connection);
        simulation.locked(() -> {
            if (connection.eventsWanted()) {
                clients.add(client);
                client.offer(event("FullyBooted", "system,all", "Uptime",
                        Long.toString(Math.max(1, Instant.now().getEpochSecond() - bootedAt.getEpochSecond())),
                        "LastReload", Long.toString(Math.max(1, Instant.now().getEpochSecond() - bootedAt.getEpochSecond())),
                        "Status", "Fully Booted"));
            }
            // Every login shows up to every listener as a security event.
            String tv = EVENT_TV.format(Instant.now());
            broadcast(event("SuccessfulAuth", "security,all", "EventTV", tv, "Severity", "Informational",
                    "Service", "AMI", "EventVersion", "1", "AccountID", username,
                    "SessionID", String.format(Locale.ROOT, "0x%012x", 0x7f0000000000L + connection.id() * 0x10L),
                    "LocalAddress", "IPV4/TCP/127.0.0.1/" + port(),
                    "RemoteAddress", "IPV4/TCP/127.0.0.1/" + (40000 + connection.id()),
                    "UsingPassword", "0", "SessionTV", tv));
        });
        client.startWriter();
        if (startOnLogin) {
            simulation.start(speed);
        }
        return () -> {
            clients.remove(client);
            client.stop();
        };
    }

    private AmiMessage event(String name, String privilege, String... rest) {
        List<AmiMessage.Header> headers = new ArrayList<>();
        headers.add(new AmiMessage.Header("Event", name));
        headers.add(new AmiMessage.Header("Privilege", privilege));
        if (simulation.config().timestamps) {
            headers.add(new AmiMessage.Header("Timestamp", simulation.peek(m -> m.ami.timestamp(m.now()))));
        }
        for (int i = 0; i < rest.length; i += 2) {
            headers.add(new AmiMessage.Header(rest[i], rest[i + 1]));
        }
        return AmiMessage.of(headers);
    }

    /** Called under the simulation's lock for every event, in order. */
    private void broadcast(AmiMessage message) {
        for (Client client : clients) {
            client.offer(message);
        }
    }

    /** One logged-in client: its queue of events and the thread writing them. */
    private final class Client {
        private final LiveConnection connection;
        private final BlockingQueue<AmiMessage> queue = new LinkedBlockingQueue<>(MAX_BACKLOG);
        private volatile boolean stopped;
        private Thread writer;

        Client(LiveConnection connection) {
            this.connection = connection;
        }

        void offer(AmiMessage message) {
            if (!stopped && !queue.offer(message)) {
                LOG.warn("AMI client {} is {} events behind: disconnecting it", connection.id(), MAX_BACKLOG);
                stopped = true;
                connection.close();
            }
        }

        void startWriter() {
            writer = new Thread(this::write, "simulator-ami-writer-" + connection.id());
            writer.setDaemon(true);
            writer.start();
        }

        private void write() {
            List<AmiMessage> batch = new ArrayList<>(256);
            try {
                while (!stopped) {
                    AmiMessage first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, 255);
                    connection.send(batch);
                    batch.clear();
                }
            } catch (IOException e) {
                LOG.debug("AMI client {} gone: {}", connection.id(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            stopped = true;
            if (writer != null) {
                writer.interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- actions

    private ActionReply setvar(AmiAction action) {
        String variable = action.header("Variable");
        if (variable == null || variable.isBlank()) {
            return ActionReply.error("No variable specified");
        }
        String value = Objects.requireNonNullElse(action.header("Value"), "");
        String channel = action.header("Channel");
        if (channel != null && !channel.isBlank()) {
            return ActionReply.success("Variable Set"); // channel variables are not modelled
        }
        return ActionReply.success("Variable Set").thenRun(() -> simulation.withModel(m -> {
            m.setGlobal(variable, value);
            return null;
        }));
    }

    private ActionReply getvar(AmiAction action) {
        String variable = action.header("Variable");
        if (variable == null || variable.isBlank()) {
            return ActionReply.error("No variable specified");
        }
        String channel = action.header("Channel");
        String value = channel == null || channel.isBlank()
                ? simulation.withModel(m -> m.global(variable)) : null;
        return ActionReply.of(AmiMessage.of("Response", "Success", "Variable", variable,
                "Value", value == null ? "" : value));
    }

    private ActionReply queueStatus(AmiAction action) {
        List<AmiMessage> snapshot = simulation.withModel(m -> m.queueStatus(action.header("Queue")));
        List<AmiMessage> events = new ArrayList<>();
        for (AmiMessage event : snapshot) {
            events.add(appendActionId(event, action.actionId()));
        }
        String items = Integer.toString(snapshot.size());
        events.add(action.actionId() == null
                ? AmiMessage.of("Event", "QueueStatusComplete", "EventList", "Complete", "ListItems", items)
                : AmiMessage.of("Event", "QueueStatusComplete", "ActionID", action.actionId(),
                        "EventList", "Complete", "ListItems", items));
        return ActionReply.of(AmiMessage.of("Response", "Success", "EventList", "start",
                "Message", "Queue status will follow")).withEvents(events.toArray(AmiMessage[]::new));
    }

    private static AmiMessage appendActionId(AmiMessage event, String actionId) {
        if (actionId == null) {
            return event;
        }
        return withTrailing(event, "ActionID", actionId);
    }

    private static AmiMessage withTrailing(AmiMessage message, String... namesAndValues) {
        List<AmiMessage.Header> headers = new ArrayList<>(message.headers());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(new AmiMessage.Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return AmiMessage.of(headers);
    }

    private ActionReply coreShowChannels(AmiAction action) {
        List<AmiMessage> channels = simulation.withModel(ProviderModel::coreShowChannels);
        return StandardActions.coreShowChannels(channels).handle(action);
    }

    private ActionReply queuePause(AmiAction action) {
        String iface = action.header("Interface");
        String paused = action.header("Paused");
        if (iface == null || paused == null) {
            return ActionReply.error("Need 'Interface' and 'Paused' parameters.");
        }
        boolean pause = paused.equalsIgnoreCase("true") || paused.equalsIgnoreCase("yes") || paused.equals("1");
        String queue = action.header("Queue");
        String reason = Objects.requireNonNullElse(action.header("Reason"), "");
        boolean known = simulation.withModel(m -> m.isMember(iface, queue));
        if (!known) {
            return ActionReply.error("Interface not found");
        }
        return ActionReply.success(pause ? "Interface paused successfully" : "Interface unpaused successfully")
                .thenRun(() -> simulation.withModel(m -> m.pause(iface, pause, reason, queue)));
    }

    private ActionReply blindTransfer(AmiAction action) {
        String channel = action.header("Channel");
        String exten = action.header("Exten");
        if (channel == null) {
            return ActionReply.error("No channel specified");
        }
        if (exten == null) {
            return ActionReply.error("No extension specified");
        }
        String context = action.header("Context");
        if (!AsteriskAmi.CLINICIAN.equals(exten)
                || (context != null && !context.isBlank() && !AsteriskAmi.TRANSFER_CONTEXT.equals(context))) {
            return ActionReply.error("Blind transfer only to " + AsteriskAmi.TRANSFER_CONTEXT + ","
                    + AsteriskAmi.CLINICIAN + " is simulated");
        }
        if (!simulation.withModel(m -> m.isHandlerChannel(channel))) {
            return ActionReply.error("No such channel");
        }
        return ActionReply.success("Transfer succeeded")
                .thenRun(() -> simulation.withModel(m -> m.blindTransfer(channel)));
    }

    private ActionReply hangup(AmiAction action) {
        String channel = action.header("Channel");
        if (channel == null) {
            return ActionReply.error("No channel specified");
        }
        if (!simulation.withModel(m -> m.isHangupTarget(channel))) {
            return ActionReply.error("No such channel");
        }
        return ActionReply.success("Channel Hungup").thenRun(() -> simulation.withModel(m -> m.hangup(channel)));
    }

    private ActionReply dbPut(AmiAction action) {
        String family = action.header("Family");
        String key = action.header("Key");
        if (family == null || key == null) {
            return ActionReply.error("No family specified");
        }
        String value = Objects.requireNonNullElse(action.header("Val"), "");
        simulation.withModel(m -> {
            m.dbPut(family, key, value);
            return null;
        });
        return ActionReply.success("Updated database successfully");
    }

    private ActionReply dbDel(AmiAction action) {
        String family = action.header("Family");
        String key = action.header("Key");
        if (family == null || key == null) {
            return ActionReply.error("No family specified");
        }
        boolean deleted = simulation.withModel(m -> m.dbDel(family, key));
        return deleted ? ActionReply.success("Key deleted successfully")
                : ActionReply.error("Database entry could not be deleted");
    }

    /** Settings of the server. */
    public static final class Builder {
        private final Simulation simulation;
        private int port;
        private double speed = 60;
        private boolean startOnLogin = true;
        private String username = AmiReplayServer.DEFAULT_USERNAME;
        private String secret = AmiReplayServer.DEFAULT_SECRET;

        private boolean startWhenTold;

        private Builder(Simulation simulation) {
            this.simulation = Objects.requireNonNull(simulation);
        }

        /** Port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Virtual seconds per real second (default 60); {@link Double#POSITIVE_INFINITY} for no waiting. */
        public Builder speed(double speed) {
            this.speed = speed;
            return this;
        }

        /**
         * Start the virtual clock when the first client logs in (the default), so it sees the first call; false
         * starts it at once.
         */
        public Builder startOnLogin(boolean startOnLogin) {
            this.startOnLogin = startOnLogin;
            return this;
        }

        /**
         * Leave the virtual clock stopped until {@link SimulatorServer#startClock()}: a drill lets its clients log in
         * and the rest of the platform get ready first.
         */
        public Builder startWhenTold() {
            this.startOnLogin = false;
            this.startWhenTold = true;
            return this;
        }

        /** The AMI user accepted (default harness / harness-secret, as ami-replay). */
        public Builder credentials(String username, String secret) {
            this.username = Objects.requireNonNull(username);
            this.secret = Objects.requireNonNull(secret);
            return this;
        }

        public SimulatorServer start() {
            return new SimulatorServer(this);
        }
    }
}
