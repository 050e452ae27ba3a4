package io.switchboard.callingest.lifecycle;

import io.switchboard.callingest.ami.AmiFrame;
import io.switchboard.events.CallId;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.Pseudonymiser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds exactly one lifecycle per call (per Asterisk Linkedid) from the PBX's channel and queue events. Not thread
 * safe: one thread feeds it every frame in the order received.
 *
 * <p>The rules that matter, all seen in recordings of a real Asterisk 22:
 * <ul>
 *   <li>leaving a queue is not answering (QueueCallerLeave comes in every case); AgentConnect is the answer;</li>
 *   <li>a queue timeout arrives as QueueCallerAbandon; only what follows (Hangup vs VarSet QUEUESTATUS) decides;</li>
 *   <li>waits and talk times come from the PBX's own HoldTime/TalkTime (whole seconds), so they are right whatever
 *       the delay between the PBX and this adapter; AgentRingNoAnswer's RingTime (milliseconds) is not used;</li>
 *   <li>a blind transfer keeps the caller's channel; an attended one puts a Local channel (same Linkedid) in the
 *       target queue before the transfer completes;</li>
 *   <li>the call ends when the caller's own channel (Uniqueid = Linkedid) hangs up.</li>
 * </ul>
 */
public final class CallTracker {

    /** Dialplan exits that mean "the queue gave up on the caller", from app_queue's QUEUESTATUS. */
    private static final Set<String> QUEUE_EXITS =
            Set.of("TIMEOUT", "LEAVEEMPTY", "LEAVEUNAVAIL", "JOINEMPTY", "JOINUNAVAIL", "FULL", "CONTINUE");
    private static final int ENDED_CALLS_REMEMBERED = 10_000;

    private final String pbxId;
    private final LineDirectory lines;
    private final Pseudonymiser pseudonymiser;
    private final List<String> contingencyChannelPrefixes;
    private final Set<String> inboundContexts;
    private final LifecycleSink sink;
    private final Map<String, TrackedCall> calls = new HashMap<>();
    /** callId to the channel of the handler now talking to the caller: what a transfer command acts on. */
    private final Map<String, String> handlerChannels = new java.util.concurrent.ConcurrentHashMap<>();
    /** Linkedids of calls already ended, so late events of their other legs do not start a new call. */
    private final Map<String, Boolean> ended = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_CALLS_REMEMBERED;
        }
    };

    /**
     * @param contingencyChannelPrefixes a Dial to a channel starting with one of these is the contingency route,
     *                                   e.g. {@code PJSIP/contingency}
     * @param inboundContexts            dialplan contexts where callers arrive; empty means every new channel
     *                                   that starts a conversation is a call
     */
    public CallTracker(String pbxId, LineDirectory lines, Pseudonymiser pseudonymiser,
            List<String> contingencyChannelPrefixes, Set<String> inboundContexts, LifecycleSink sink) {
        this.pbxId = pbxId;
        this.lines = lines;
        this.pseudonymiser = pseudonymiser;
        this.contingencyChannelPrefixes = List.copyOf(contingencyChannelPrefixes);
        this.inboundContexts = Set.copyOf(inboundContexts);
        this.sink = sink;
    }

    /** Events this tracker reads; everything else is ignored by it. */
    public static final Set<String> HANDLED = Set.of("Newchannel", "QueueCallerJoin", "AgentConnect",
            "AgentComplete", "QueueCallerAbandon", "VarSet", "DialBegin", "BlindTransfer", "Hangup");

    public void onFrame(AmiFrame frame) {
        switch (frame.event()) {
            case "Newchannel" -> onNewchannel(frame);
            case "QueueCallerJoin" -> onQueueJoin(frame);
            case "AgentConnect" -> onAgentConnect(frame);
            case "AgentComplete" -> onAgentComplete(frame);
            case "QueueCallerAbandon" -> onQueueAbandon(frame);
            case "VarSet" -> onVarSet(frame);
            case "DialBegin" -> onDialBegin(frame);
            case "BlindTransfer" -> onBlindTransfer(frame);
            case "Hangup" -> onHangup(frame);
            default -> {
                // not a call event
            }
        }
    }

    /** Thread safe: the handler channel of a call in progress, for transfer commands. */
    public java.util.Optional<String> handlerChannelOf(String callId) {
        return java.util.Optional.ofNullable(handlerChannels.get(callId));
    }

    public int callsInProgress() {
        return calls.size();
    }

    /** The oldest wait of a caller now in a queue, for the adapter's own gauges. */
    public Collection<String> linkedIdsInProgress() {
        return List.copyOf(calls.keySet());
    }

    private void onNewchannel(AmiFrame f) {
        String uniqueid = f.require("Uniqueid");
        String linkedId = f.require("Linkedid");
        String channel = f.require("Channel");
        if (!uniqueid.equals(linkedId) || channel.startsWith("Local/") || calls.containsKey(linkedId)
                || ended.containsKey(linkedId)) {
            return; // another leg of a call we know, or a Local helper channel
        }
        if (!isInbound(f.get("Context"))) {
            return;
        }
        start(linkedId, uniqueid, f.get("Exten"), channel, f.get("CallerIDNum"), f.occurredAt());
    }

    private boolean isInbound(String context) {
        return inboundContexts.isEmpty() || inboundContexts.contains(context);
    }

    private TrackedCall start(String linkedId, String callerUniqueid, String dialled, String channel,
            String callerNumber, Instant at) {
        TrackedCall call = new TrackedCall(CallId.of(pbxId, linkedId), linkedId, callerUniqueid,
                lines.lineFor(dialled, channel), pseudonymiser.caller(callerNumber), at);
        calls.put(linkedId, call);
        emit(call, CallStep.OFFERED, at, "offered").send();
        return call;
    }

    private void onQueueJoin(AmiFrame f) {
        String linkedId = f.require("Linkedid");
        String uniqueid = f.require("Uniqueid");
        String queue = f.require("Queue");
        int position = f.requireInt("Position");
        TrackedCall call = calls.get(linkedId);
        if (call == null) {
            if (ended.containsKey(linkedId) || !uniqueid.equals(linkedId) || !isInbound(f.get("Context"))) {
                return;
            }
            // The call began while the link was down: adopt it rather than lose it.
            call = start(linkedId, uniqueid, f.get("Exten"), f.get("Channel"), f.get("CallerIDNum"), f.occurredAt());
        }
        Instant at = f.occurredAt();
        if (call.answered && call.transferTalkSeconds != null) {
            emitTransfer(call, queue, at);
        } else if (call.answered && !uniqueid.equals(call.callerUniqueid)) {
            call.consultQueue = queue;
        }
        call.queue = queue;
        call.queued = true;
        call.lastActivity = at;
        emit(call, CallStep.QUEUED, at, "queued", queue).queue(queue).position(position).send();
    }

    private void onAgentConnect(AmiFrame f) {
        TrackedCall call = calls.get(f.require("Linkedid"));
        if (call == null) {
            return;
        }
        String queue = f.require("Queue");
        String agent = pseudonymiser.agent(f.require("Interface"));
        int hold = f.requireInt("HoldTime");
        Instant at = f.occurredAt();
        call.answered = true;
        call.answeredCount++;
        if (f.require("Uniqueid").equals(call.callerUniqueid)) {
            call.handlerQueue = queue;
            String handlerChannel = f.get("DestChannel");
            if (handlerChannel != null) {
                handlerChannels.put(call.callId, handlerChannel);
            }
        }
        call.lastActivity = at;
        emit(call, CallStep.ANSWERED, at, "answered", queue).queue(queue).agent(agent).wait(hold).send();
    }

    private void onAgentComplete(AmiFrame f) {
        TrackedCall call = calls.get(f.require("Linkedid"));
        if (call == null) {
            return;
        }
        int talk = f.requireInt("TalkTime");
        String reason = f.require("Reason");
        call.talkSeconds += talk;
        call.lastCompleteReason = reason;
        call.lastActivity = f.occurredAt();
        if ("transfer".equals(reason)) {
            call.transferTalkSeconds = (double) talk;
            if (call.consultQueue != null) {
                emitTransfer(call, call.consultQueue, f.occurredAt());
            }
        }
    }

    private void emitTransfer(TrackedCall call, String target, Instant at) {
        emit(call, CallStep.TRANSFERRED, at, "transferred", target).queue(call.handlerQueue).transferTarget(target)
                .talk(call.transferTalkSeconds).send();
        call.handlerQueue = target;
        call.transferTalkSeconds = null;
        call.consultQueue = null;
        call.blindTransferTarget = null;
    }

    private void onBlindTransfer(AmiFrame f) {
        if (!"Success".equals(f.get("Result"))) {
            return;
        }
        TrackedCall call = calls.get(f.get("TransfereeLinkedid"));
        if (call != null) {
            call.blindTransferTarget = f.get("Extension");
        }
    }

    private void onQueueAbandon(AmiFrame f) {
        TrackedCall call = calls.get(f.require("Linkedid"));
        if (call == null) {
            return;
        }
        call.pendingAbandon = new TrackedCall.PendingAbandon(f.require("Queue"), f.requireInt("HoldTime"),
                f.requireInt("Position"), f.occurredAt());
        call.lastActivity = f.occurredAt();
    }

    private void onVarSet(AmiFrame f) {
        if (!"QUEUESTATUS".equals(f.get("Variable"))) {
            return;
        }
        TrackedCall call = calls.get(f.get("Linkedid"));
        String status = f.get("Value");
        if (call == null || status == null || !QUEUE_EXITS.contains(status)) {
            return;
        }
        call.queueExitStatus = status;
        TrackedCall.PendingAbandon pending = call.pendingAbandon;
        if (pending == null) {
            return; // refused at the door (JOINEMPTY, FULL...): the caller never waited
        }
        call.pendingAbandon = null;
        call.timedOut = true;
        emit(call, CallStep.TIMED_OUT, pending.at(), "timed-out", pending.queue()).queue(pending.queue())
                .wait(pending.holdSeconds()).position(pending.position())
                .reason("queue-" + status.toLowerCase(java.util.Locale.ROOT)).send();
    }

    private void onDialBegin(AmiFrame f) {
        String destination = f.get("DestChannel");
        if (destination == null || contingencyChannelPrefixes.stream().noneMatch(destination::startsWith)) {
            return;
        }
        TrackedCall call = calls.get(f.get("Linkedid"));
        if (call == null || call.contingencyRouted) {
            return;
        }
        call.contingencyRouted = true;
        Instant at = f.occurredAt();
        call.lastActivity = at;
        String reason = contingencyReason(call);
        emit(call, CallStep.CONTINGENCY_ROUTED, at, "contingency-routed").queue(call.timedOut ? call.queue : null)
                .reason(reason).send();
    }

    private static String contingencyReason(TrackedCall call) {
        if (call.timedOut) {
            return "TIMEOUT".equals(call.queueExitStatus) ? "queue-timeout" : "queue-exit";
        }
        if (call.queueExitStatus != null) {
            return "queue-refused";
        }
        return "switch-engaged";
    }

    private void onHangup(AmiFrame f) {
        String linkedId = f.require("Linkedid");
        TrackedCall call = calls.get(linkedId);
        if (call == null || !call.callerUniqueid.equals(f.require("Uniqueid"))) {
            return;
        }
        end(call, f.occurredAt(), endReason(call));
    }

    private String endReason(TrackedCall call) {
        if (call.pendingAbandon != null) {
            return "abandoned";
        }
        if (call.contingencyRouted) {
            return "contingency-complete";
        }
        if (call.answered) {
            return switch (call.lastCompleteReason == null ? "" : call.lastCompleteReason) {
                case "agent" -> "agent-hangup";
                case "transfer" -> "transferred-out";
                default -> "caller-hangup";
            };
        }
        return call.queued ? "caller-hangup" : "hangup-before-queue";
    }

    private void end(TrackedCall call, Instant at, String reason) {
        if (call.pendingAbandon != null) {
            TrackedCall.PendingAbandon pending = call.pendingAbandon;
            call.pendingAbandon = null;
            emit(call, CallStep.ABANDONED, pending.at(), "abandoned", pending.queue()).queue(pending.queue())
                    .wait(pending.holdSeconds()).position(pending.position()).send();
        }
        if (call.transferTalkSeconds != null) {
            String target = call.blindTransferTarget != null ? call.blindTransferTarget : "unknown";
            emitTransfer(call, target, at);
        }
        emit(call, CallStep.ENDED, at, "ended").talk(call.answered ? call.talkSeconds : null).reason(reason).send();
        calls.remove(call.linkedId);
        handlerChannels.remove(call.callId);
        ended.put(call.linkedId, Boolean.TRUE);
    }

    /**
     * After a (re)connect: the PBX's own list of live conversations. Calls this tracker holds that the PBX no longer
     * has, and that saw nothing since the snapshot was requested, ended while the link was down: they are closed
     * with reason {@code tracking-lost}, never dropped or left open. Live callers it does not know are adopted.
     *
     * @param requestedAt when the snapshot was asked for; calls active since then are left alone
     */
    public void reconcile(PbxSnapshot snapshot, Instant requestedAt, Instant now) {
        for (TrackedCall call : new ArrayList<>(calls.values())) {
            if (!snapshot.liveLinkedIds().contains(call.linkedId) && call.lastActivity.isBefore(requestedAt)) {
                call.pendingAbandon = null; // a hangup or a timeout: the gap hides which
                end(call, now, "tracking-lost");
            }
        }
        for (PbxSnapshot.LiveCaller caller : snapshot.callers()) {
            if (calls.containsKey(caller.linkedId()) || ended.containsKey(caller.linkedId())) {
                continue;
            }
            Instant offeredAt = now.minus(Duration.ofSeconds(caller.durationSeconds()));
            TrackedCall call = start(caller.linkedId(), caller.uniqueid(), caller.dialled(), caller.channel(),
                    caller.callerNumber(), offeredAt);
            if (caller.queue() != null) {
                call.queue = caller.queue();
                call.queued = true;
                emit(call, CallStep.QUEUED, now.minus(Duration.ofSeconds(caller.waitSeconds())), "queued",
                        caller.queue()).queue(caller.queue()).position(caller.position()).send();
            } else if (caller.handler() != null) {
                adoptAnswered(call, caller, offeredAt, now);
            }
        }
    }

    /**
     * A caller already talking to a handler: queued and answered are stated from the PBX's channel durations (the
     * wait is the caller's time up less the handler leg's), so the call ends as answered rather than as a hang-up
     * before any queue, and a transfer can still find the handler's channel.
     */
    private void adoptAnswered(TrackedCall call, PbxSnapshot.LiveCaller caller, Instant offeredAt, Instant now) {
        PbxSnapshot.Handler handler = caller.handler();
        String queue = handler.queue();
        Instant answeredAt = now.minus(Duration.ofSeconds(handler.talkSeconds()));
        call.queue = queue;
        call.queued = true;
        call.answered = true;
        call.answeredCount++;
        call.handlerQueue = queue;
        handlerChannels.put(call.callId, handler.channel());
        emit(call, CallStep.QUEUED, offeredAt, "queued", queue).queue(queue).send();
        emit(call, CallStep.ANSWERED, answeredAt.isBefore(offeredAt) ? offeredAt : answeredAt, "answered", queue)
                .queue(queue).agent(pseudonymiser.agent(handler.memberInterface()))
                .wait((int) Math.max(0, caller.durationSeconds() - handler.talkSeconds())).send();
    }

    private EventBuilder emit(TrackedCall call, CallStep step, Instant at, String... idParts) {
        String discriminator = String.join("/", idParts);
        int occurrence = call.nextOccurrence(discriminator);
        call.sequence++;
        return new EventBuilder(call, step, at, EventIds.of(call.callId, discriminator, Integer.toString(occurrence)));
    }

    private final class EventBuilder {
        private final TrackedCall call;
        private final CallStep step;
        private final Instant at;
        private final String eventId;
        private String queue;
        private String agentId;
        private Double waitSeconds;
        private Double talkSeconds;
        private Integer position;
        private String transferTarget;
        private String reason;

        EventBuilder(TrackedCall call, CallStep step, Instant at, String eventId) {
            this.call = call;
            this.step = step;
            this.at = at;
            this.eventId = eventId;
        }

        EventBuilder queue(String value) {
            queue = value;
            return this;
        }

        EventBuilder agent(String value) {
            agentId = value;
            return this;
        }

        EventBuilder wait(int seconds) {
            waitSeconds = (double) seconds;
            return this;
        }

        EventBuilder talk(Double seconds) {
            talkSeconds = seconds;
            return this;
        }

        EventBuilder position(int value) {
            position = value;
            return this;
        }

        EventBuilder transferTarget(String value) {
            transferTarget = value;
            return this;
        }

        EventBuilder reason(String value) {
            reason = value;
            return this;
        }

        void send() {
            sink.call(new CallLifecycleEvent(eventId, call.callId, step, call.sequence, at, pbxId,
                    call.line.provider(), call.line.region(), queue, agentId, call.callerToken, waitSeconds,
                    talkSeconds, position, transferTarget, reason));
        }
    }
}
