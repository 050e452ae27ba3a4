package io.switchboard.amireplay;

import io.switchboard.amireplay.ReplayScript.Part;
import io.switchboard.amireplay.ReplayScript.Step;
import io.switchboard.amireplay.ReplayScript.StepKind;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the playlist to one logged-in client, on its own thread, with the recorded timing.
 *
 * <p>Timing: every message is due at {@code anchor + (recordedAt - anchorRecorded) / speed}, where
 * {@code recordedAt} is the arrival time of the recv() chunk the message starts in. The anchor is set at login (plus
 * {@code afterLoginDelay}), again after waiting for the client's QueueStatus, and at each transcript change (the next
 * transcript's login time is pinned to the previous one's last message). Waiting is a timed condition wait, woken
 * early only to stop or to take a client action.
 *
 * <p>Recorded answers to recorder actions ({@link StepKind#BOUND_TO_ACTION}, i.e. the QueueStatus snapshot) are
 * decided when the stream reaches them: sent with the client's ActionID if the client has sent that action, else
 * skipped. Right after login the stream holds there up to {@code queueStatusWait} for the client to ask, because a
 * client (asterisk-java) sends QueueStatus only once its login call has returned.
 */
final class Playback implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Playback.class);

    private final ReplaySession session;
    private final AmiReplayServer server;
    private final ReplayConfig config;
    private final ReplayScript script;
    private final boolean eventsWanted;
    private final AmiReplayServer.ResumePoint resumedFrom;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();

    // Guarded by lock: the position, and the client actions waiting for their recorded answer in the current part.
    private int partIndex;
    /** Passes of the playlist finished on this connection (for a bounded loop). */
    private int passesPlayed;
    private int stepIndex;
    private long pass;
    private boolean stopped;
    private boolean finished;
    private boolean mayHoldForClient = true;
    private final Map<String, AmiAction> waitingForAnswer = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Optional<AmiAction>> decided = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    // Only touched by the playback thread.
    private long anchorWall;
    private double anchorRecorded;
    private boolean fullyBootedSent;
    private int eventsReplayed;

    Playback(ReplaySession session, AmiReplayServer server, ReplayConfig config, boolean eventsWanted) {
        this.session = session;
        this.server = server;
        this.config = config;
        this.script = config.script();
        this.eventsWanted = eventsWanted;
        // Taken at login, on the reader thread, so the client's next action already sees the right position.
        this.resumedFrom = server.takeResumePoint();
        if (resumedFrom != null) {
            partIndex = resumedFrom.part();
            stepIndex = resumedFrom.step();
            pass = resumedFrom.pass();
        } else {
            pass = config.loop() ? server.nextPass() : 0;
        }
    }

    @Override
    public void run() {
        try {
            play();
            session.flush();
        } catch (IOException e) {
            LOG.debug("connection {}: replay stopped: {}", session.id(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void play() throws IOException, InterruptedException {
        Part part;
        lock.lock();
        try {
            part = script.part(partIndex);
        } finally {
            lock.unlock();
        }
        if (resumedFrom != null) {
            LOG.info("connection {}: resuming {} at message {} after the injected cut",
                    session.id(), part.transcript().name(), stepIndex);
            sendFullyBootedAgain(part);
        }
        anchorWall = System.nanoTime() + config.afterLoginDelay().toNanos();
        anchorRecorded = resumedFrom == null ? part.startsAt() : recordedTimeAt(part, stepIndex);

        while (true) {
            while (stepIndex < part.steps().size()) {
                if (!play(part.steps().get(stepIndex))) {
                    return;
                }
                lock.lock();
                try {
                    stepIndex++;
                } finally {
                    lock.unlock();
                }
            }
            anchorWall = dueAt(part.endsAt());
            if (!nextPart()) {
                if (!isStopped()) {
                    server.playbackFinished();
                    LOG.debug("connection {}: replay complete", session.id());
                }
                return;
            }
            part = script.part(partIndex);
            anchorRecorded = part.startsAt();
        }
    }

    /** Moves to the next transcript; false at the end of a playlist that does not loop. */
    private boolean nextPart() {
        lock.lock();
        try {
            if (stopped) {
                return false;
            }
            if (partIndex + 1 < script.parts().size()) {
                partIndex++;
            } else if (config.loop() && (config.maxPasses() == 0 || ++passesPlayed < config.maxPasses())) {
                partIndex = 0;
                pass = server.nextPass();
                LOG.debug("connection {}: loop pass {}", session.id(), pass);
            } else {
                finished = true; // stays on the last transcript: its snapshot answers later QueueStatus actions
                return false;
            }
            stepIndex = 0;
            decided.clear();
            waitingForAnswer.clear();
            mayHoldForClient = false;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Plays one step; false when the replay must end here (stopped, or cut by fault injection). */
    private boolean play(Step step) throws IOException, InterruptedException {
        if (step.kind() == StepKind.LOGIN_RESPONSE || step.kind() == StepKind.LOGOFF_RESPONSE) {
            return true;
        }
        if (!waitUntil(dueAt(step.recorded().recordedAt()))) {
            return false;
        }
        if (step.kind() == StepKind.BOUND_TO_ACTION) {
            Optional<AmiAction> client = decide(step);
            if (client.isPresent()) {
                send(shifted(step.message()).withActionId(client.get().actionId()));
            }
            return !isStopped();
        }
        if (step.isFullyBooted()) {
            if (fullyBootedSent) {
                return true; // Asterisk sends it once per login, not once per transcript
            }
            fullyBootedSent = true;
        }
        if (step.message().isEvent() && !eventsWanted) {
            return true;
        }
        send(shifted(step.message()));
        if (step.message().isEvent()) {
            eventsReplayed++;
            if (config.cutAfterEvents() > 0 && eventsReplayed >= config.cutAfterEvents() && server.claimCut()) {
                server.storeResumePoint(new AmiReplayServer.ResumePoint(partIndex, stepIndex + 1, pass));
                LOG.info("connection {}: cutting the connection after {} events (fault injection)",
                        session.id(), eventsReplayed);
                session.finishOutput();
                return false;
            }
        }
        return true;
    }

    /**
     * Decides whether a recorded answer is sent, and for which client action; the decision holds for the rest of
     * that answer's messages in this transcript.
     */
    private void flushQuietly() {
        try {
            session.flush();
        } catch (IOException e) {
            LOG.debug("connection {}: flush failed: {}", session.id(), e.toString());
        }
    }

    private Optional<AmiAction> decide(Step step) throws InterruptedException {
        flushQuietly();
        lock.lock();
        try {
            String action = step.boundAction();
            Optional<AmiAction> decision = decided.get(action);
            if (decision != null) {
                return decision;
            }
            AmiAction client = waitingForAnswer.remove(action);
            if (client == null && mayHoldForClient) {
                long holdUntil = System.nanoTime() + config.queueStatusWait().toNanos();
                long remaining = holdUntil - System.nanoTime();
                boolean held = false;
                while (!stopped && (client = waitingForAnswer.remove(action)) == null && remaining > 0) {
                    held = true;
                    wake.awaitNanos(remaining);
                    remaining = holdUntil - System.nanoTime();
                }
                if (held) {
                    // The hold is not part of the recording: the rest keeps its recorded spacing from now on.
                    anchorWall = System.nanoTime();
                    anchorRecorded = step.recorded().recordedAt();
                }
            }
            mayHoldForClient = false;
            decision = Optional.ofNullable(client);
            decided.put(action, decision);
            if (client == null) {
                LOG.debug("connection {}: client sent no {}, its recorded answer is skipped", session.id(), action);
            }
            return decision;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by the reader thread: takes the client's action if its recorded answer is still ahead in the current
     * transcript and not yet decided, so the answer goes out at its recorded place. False means: answer it now.
     */
    boolean answerInStream(AmiAction action) {
        lock.lock();
        try {
            if (stopped || finished || decided.containsKey(action.name())
                    || waitingForAnswer.containsKey(action.name())) {
                return false;
            }
            List<Step> steps = script.part(partIndex).steps();
            for (int i = stepIndex; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (step.kind() == StepKind.BOUND_TO_ACTION && step.boundAction().equalsIgnoreCase(action.name())) {
                    waitingForAnswer.put(action.name(), action);
                    wake.signalAll();
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The recorded answer to this action from the current transcript, for a client that asks outside the recorded
     * place (e.g. QueueStatus again after a reconnect): the snapshot as recorded, with the client's ActionID.
     */
    List<AmiMessage> recordedAnswer(AmiAction action) {
        lock.lock();
        try {
            return script.part(partIndex).recordedAnswer(action.name()).stream()
                    .map(m -> script.shift().apply(m, pass).withActionId(action.actionId()))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopped = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** After a reconnect Asterisk greets the new login with FullyBooted again; the rest of the stream follows. */
    private void sendFullyBootedAgain(Part part) throws IOException {
        Optional<AmiMessage> fullyBooted = part.fullyBooted();
        if (fullyBooted.isPresent() && eventsWanted) {
            send(fullyBooted.get());
        }
        fullyBootedSent = true;
    }

    private AmiMessage shifted(AmiMessage message) {
        return script.shift().apply(message, pass);
    }

    private void send(AmiMessage message) throws IOException {
        if (config.wallNanos(1.0) == 0) {
            session.sendBuffered(message); // flushed before any wait and when the buffer fills
        } else {
            session.send(List.of(message));
        }
    }

    private long dueAt(double recordedAt) {
        return anchorWall + config.wallNanos(recordedAt - anchorRecorded);
    }

    private static double recordedTimeAt(Part part, int stepIndex) {
        return stepIndex < part.steps().size() ? part.steps().get(stepIndex).recorded().recordedAt() : part.endsAt();
    }

    /** Waits without spinning until {@code deadline} (System.nanoTime); false if stopped meanwhile. */
    private boolean waitUntil(long deadline) throws InterruptedException {
        if (deadline > System.nanoTime()) {
            flushQuietly();
        }
        lock.lock();
        try {
            long remaining = deadline - System.nanoTime();
            while (!stopped && remaining > 0) {
                wake.awaitNanos(Math.min(remaining, TimeUnit.SECONDS.toNanos(1)));
                remaining = deadline - System.nanoTime();
            }
            return !stopped;
        } finally {
            lock.unlock();
        }
    }
}
