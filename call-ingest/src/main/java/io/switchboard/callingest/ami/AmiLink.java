package io.switchboard.callingest.ami;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.callingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.response.GetVarResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.jboss.logging.Logger;

/**
 * The link to the PBX's Manager Interface: logs in with events on, pings so a half-open connection is noticed,
 * reconnects with exponential back-off, and after every (re)connect asks the PBX for its live state (QueueStatus,
 * CoreShowChannels) so calls whose end was missed during the gap are closed explicitly.
 *
 * <p>The back-off is this class's own (asterisk-java's reconnect retries at a fixed pace and gives no hook for the
 * resync), so each attempt uses a fresh asterisk-java connection.
 */
@ApplicationScoped
public class AmiLink {

    private static final Logger LOG = Logger.getLogger(AmiLink.class);
    private static final long ACTION_TIMEOUT_MS = 5_000;

    private final IngestConfig config;
    private final InboundQueue inbound;
    private final jakarta.enterprise.event.Event<GlobalVariableSet> globalVariables;
    private final AtomicInteger resyncs = new AtomicInteger();
    private final AtomicLong lastPong = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ami-ping");
        t.setDaemon(true);
        return t;
    });
    private volatile TeeingManagerConnection connection;
    private volatile CountDownLatch linkDown = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile String lastFailure = "not connected yet";
    private Thread supervisor;

    AmiLink(IngestConfig config, InboundQueue inbound, jakarta.enterprise.event.Event<GlobalVariableSet> globalVariables) {
        this.config = config;
        this.inbound = inbound;
        this.globalVariables = globalVariables;
    }

    void onStart(@Observes StartupEvent event) {
        supervisor = new Thread(this::supervise, "ami-link");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        linkDown.countDown();
        if (supervisor != null) {
            supervisor.interrupt();
        }
        pinger.shutdownNow();
        closeQuietly(connection);
    }

    public boolean isUp() {
        TeeingManagerConnection c = connection;
        return c != null && c.getState() == ManagerConnectionState.CONNECTED;
    }

    /** Why the link is down, for the readiness check; never contains credentials. */
    public String lastFailure() {
        return lastFailure;
    }

    public long connects() {
        return connects.get();
    }

    /** Sends an action and waits for its response; fails at once when the link is down. */
    public ManagerResponse send(ManagerAction action) throws IOException, TimeoutException {
        TeeingManagerConnection c = connection;
        if (c == null || c.getState() != ManagerConnectionState.CONNECTED) {
            throw new IOException("the PBX link is down: " + lastFailure);
        }
        return c.sendAction(action, ACTION_TIMEOUT_MS);
    }

    private void supervise() {
        Duration backoff = config.ami().reconnectInitialBackoff();
        while (!stopping) {
            TeeingManagerConnection c = newConnection();
            CountDownLatch down = new CountDownLatch(1);
            linkDown = down;
            c.addEventListener(event -> {
                if (event instanceof DisconnectEvent) {
                    down.countDown();
                }
            });
            ScheduledFuture<?> pings = null;
            try {
                c.login("on");
                connection = c;
                connects.incrementAndGet();
                backoff = config.ami().reconnectInitialBackoff();
                LOG.infof("Connected to the PBX's AMI at %s:%d as %s", config.ami().host(), config.ami().port(),
                        config.ami().username());
                lastPong.set(System.nanoTime());
                pings = schedulePings(c, down);
                readContingencySwitches(c);
                resync(c);
                down.await();
                if (!stopping) {
                    lastFailure = "the PBX closed the AMI connection or stopped answering pings";
                    LOG.warnf("Lost the PBX's AMI link (%s); reconnecting", lastFailure);
                }
            } catch (AuthenticationFailedException e) {
                lastFailure = "the PBX refused the AMI login of user '" + config.ami().username()
                        + "' (check SWITCHBOARD_AMI_USERNAME and SWITCHBOARD_AMI_PASSWORD)";
                LOG.error(lastFailure);
            } catch (IOException | TimeoutException | IllegalStateException e) {
                lastFailure = "cannot reach the PBX's AMI at " + config.ami().host() + ":" + config.ami().port()
                        + ": " + e.getMessage();
                LOG.warn(lastFailure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                if (pings != null) {
                    pings.cancel(false);
                }
                connection = null;
                if (!stopping) {
                    inbound.put(new Inbound.LinkDown(Instant.now()));
                }
                closeQuietly(c);
            }
            if (!stopping) {
                sleepQuietly(jittered(backoff));
                backoff = min(backoff.multipliedBy(2), config.ami().reconnectMaxBackoff());
            }
        }
    }

    private TeeingManagerConnection newConnection() {
        TeeingManagerConnection c = new TeeingManagerConnection(inbound::put);
        c.setHostname(config.ami().host());
        c.setPort(config.ami().port());
        c.setSsl(config.ami().tls());
        c.setUsername(config.ami().username());
        c.setPassword(config.ami().password());
        c.setDefaultResponseTimeout(ACTION_TIMEOUT_MS);
        // A read that sees nothing for three ping intervals means the far end is gone (half-open TCP).
        c.setSocketReadTimeout((int) config.ami().pingInterval().multipliedBy(3).toMillis());
        return c;
    }

    private ScheduledFuture<?> schedulePings(TeeingManagerConnection c, CountDownLatch down) {
        long interval = config.ami().pingInterval().toMillis();
        return pinger.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastPong.get() > TimeUnit.MILLISECONDS.toNanos(interval * 3)) {
                down.countDown();
                return;
            }
            try {
                c.sendAction(new PingAction(), response -> lastPong.set(System.nanoTime()));
            } catch (IOException | IllegalStateException e) {
                down.countDown();
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Changes to the switch made while the link was down leave no event behind: read its value now. */
    private void readContingencySwitches(TeeingManagerConnection c) {
        java.util.Set<String> variables = new java.util.LinkedHashSet<>();
        variables.add(config.contingency().variable());
        variables.addAll(config.contingency().variableByRegion().values());
        for (String variable : variables) {
            try {
                ManagerResponse response = c.sendAction(new GetVarAction(variable), ACTION_TIMEOUT_MS);
                if (response instanceof GetVarResponse value) {
                    globalVariables.fire(new GlobalVariableSet(variable, value.getValue(), Instant.now()));
                }
            } catch (IOException | TimeoutException | IllegalStateException e) {
                LOG.warnf("Could not read the contingency switch %s: %s", variable, e.getMessage());
            }
        }
    }

    private void resync(TeeingManagerConnection c) throws IOException {
        String id = "sb-resync-" + resyncs.incrementAndGet();
        inbound.put(new Inbound.ResyncStarted(id, Instant.now()));
        QueueStatusAction queues = new QueueStatusAction();
        queues.setActionId(id + "-queues");
        c.sendAction(queues, null);
        CoreShowChannelsAction channels = new CoreShowChannelsAction();
        channels.setActionId(id + "-channels");
        c.sendAction(channels, null);
    }

    private static Duration jittered(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // back-off between reconnect attempts: waiting is the point
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(TeeingManagerConnection c) {
        if (c == null) {
            return;
        }
        try {
            ManagerConnectionState state = c.getState();
            if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
                c.logoff(); // also stops asterisk-java's own reconnect loop
            }
        } catch (RuntimeException e) {
            LOG.debugf("while closing the AMI connection: %s", e.getMessage());
        }
    }
}
