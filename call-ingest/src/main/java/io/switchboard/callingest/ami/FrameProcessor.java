package io.switchboard.callingest.ami;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.callingest.config.IngestConfig;
import io.switchboard.callingest.lifecycle.AgentStateTracker;
import io.switchboard.callingest.lifecycle.CallTracker;
import io.switchboard.callingest.lifecycle.LineDirectory;
import io.switchboard.callingest.lifecycle.ResyncCollector;
import io.switchboard.callingest.publish.EventPublisher;
import io.switchboard.events.Pseudonymiser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one thread that turns AMI messages into lifecycle and agent events, in the order the PBX sent them. Every
 * message ends up in exactly one place: a tracker, the resync, "known but not needed", or the dead-letter topic.
 */
@ApplicationScoped
public class FrameProcessor {

    private static final Logger LOG = Logger.getLogger(FrameProcessor.class);

    private final InboundQueue inbound;
    private final EventPublisher publisher;
    private final Event<GlobalVariableSet> globalVariables;
    private final FrameRedactor redactor;
    private final CallTracker calls;
    private final AgentStateTracker agents;
    private final Counter processed;
    private final Counter ignored;
    private final MeterRegistry metrics;
    private final PbxClock pbxClock = new PbxClock();
    private ResyncCollector resync;
    private volatile boolean stopping;
    private Thread worker;

    FrameProcessor(IngestConfig config, InboundQueue inbound, EventPublisher publisher,
            Event<GlobalVariableSet> globalVariables, MeterRegistry metrics) {
        this.inbound = inbound;
        this.publisher = publisher;
        this.globalVariables = globalVariables;
        this.metrics = metrics;
        Pseudonymiser pseudonymiser = new Pseudonymiser(config.hmacKey());
        this.redactor = new FrameRedactor(pseudonymiser);
        LineDirectory lines = lineDirectory(config);
        this.calls = new CallTracker(config.pbxId(), lines, pseudonymiser, config.contingency().channelPrefixes(),
                config.inboundContexts().orElse(Set.of()), publisher);
        this.agents = new AgentStateTracker(config.pbxId(), lines, pseudonymiser, publisher);
        this.processed = metrics.counter("switchboard_ami_messages_total", "outcome", "processed");
        this.ignored = metrics.counter("switchboard_ami_messages_total", "outcome", "not-needed");
        metrics.gauge("switchboard_calls_in_progress", calls, CallTracker::callsInProgress);
        metrics.gauge("switchboard_ami_queue_depth", inbound, InboundQueue::size);
    }

    /** The channel of the handler talking to this call's caller, while the call is in progress. */
    public java.util.Optional<String> handlerChannelOf(String callId) {
        return calls.handlerChannelOf(callId);
    }

    static LineDirectory lineDirectory(IngestConfig config) {
        Map<String, LineDirectory.Line> byNumber = new HashMap<>();
        config.lines().byDialledNumber().forEach((number, line) ->
                byNumber.put(number, new LineDirectory.Line(line.provider(), line.region())));
        Map<String, LineDirectory.Line> byTrunk = new HashMap<>();
        config.lines().byTrunk().forEach((trunk, line) ->
                byTrunk.put(trunk, new LineDirectory.Line(line.provider(), line.region())));
        return new LineDirectory(new LineDirectory.Line(config.provider(), config.region()), byNumber, byTrunk);
    }

    void onStart(@Observes StartupEvent event) {
        worker = new Thread(this::run, "ami-processor");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void run() {
        while (!stopping) {
            try {
                Inbound item = inbound.poll(200, TimeUnit.MILLISECONDS);
                if (item != null) {
                    handle(item);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug must not stop the adapter: the item is logged by type only (it may hold caller data).
                LOG.errorf(e, "Unexpected failure while processing an AMI message");
            }
        }
    }

    void handle(Inbound item) {
        if (item instanceof Inbound.Lines lines) {
            handleLines(lines);
        } else if (item instanceof Inbound.ResyncStarted started) {
            resync = new ResyncCollector(started.resyncId(), pbxClock.at(started.requestedAt()));
        } else if (item instanceof Inbound.LinkDown) {
            resync = null;
        }
    }

    private void handleLines(Inbound.Lines lines) {
        if (lines.truncated()) {
            reject(String.join("\r\n", lines.lines()), "truncated AMI message: the connection ended mid-message");
            return;
        }
        AmiFrame frame;
        try {
            frame = AmiFrameParser.parse(lines.lines(), lines.receivedAt());
        } catch (MalformedFrameException e) {
            reject(String.join("\r\n", lines.lines()), "malformed AMI message: " + e.getMessage());
            return;
        }
        if (!frame.isEvent()) {
            ignored.increment();
            return;
        }
        try {
            route(frame);
        } catch (MalformedFrameException e) {
            reject(frame.raw(), e.getMessage());
        } catch (RuntimeException e) {
            reject(frame.raw(), "could not process " + frame.event() + ": " + e.getClass().getSimpleName());
            LOG.errorf(e, "Failure while processing a %s event", frame.event());
        }
    }

    private void route(AmiFrame frame) {
        String event = frame.event();
        pbxClock.observe(frame);
        if (resync != null && resync.owns(frame)) {
            resync.accept(frame);
            if (AgentStateTracker.HANDLED.contains(event)) {
                agents.onFrame(frame);
            }
            resync.snapshot().ifPresent(snapshot -> {
                calls.reconcile(snapshot, resync.requestedAt(), pbxClock.at(Instant.now()));
                resync = null;
            });
            processed.increment();
        } else if (CallTracker.HANDLED.contains(event)) {
            if ("VarSet".equals(event) && "none".equals(frame.get("Channel"))) {
                globalVariables.fire(new GlobalVariableSet(frame.get("Variable"), frame.get("Value"),
                        frame.occurredAt()));
            }
            calls.onFrame(frame);
            processed.increment();
        } else if (AgentStateTracker.HANDLED.contains(event)) {
            agents.onFrame(frame);
            processed.increment();
        } else if (KnownEvents.isKnown(event)) {
            ignored.increment();
        } else {
            reject(frame.raw(), "unknown AMI event type " + FrameRedactor.maskDigits(event));
        }
    }

    private void reject(String raw, String reason) {
        metrics.counter("switchboard_ami_messages_total", "outcome", "rejected").increment();
        publisher.deadLetter(redactor.redact(raw), reason);
    }
}
