package io.switchboard.simulator;

import io.switchboard.amireplay.AmiMessage;
import io.switchboard.amireplay.AmiMessage.Header;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Renders what happens in the model as the AMI events a real Asterisk 22.10.1 sends, with the event names, header
 * names and header order of the recordings (ami-replay's transcripts and EVENT_CATALOG.txt) and, for each kind of
 * step, the order of events of the recording that shows it (named in each method). Dialplan noise is reduced: no
 * Newexten, no RTCP, no Cdr, and only the VarSet events that carry meaning (DBCONT, DIALSTATUS, ABANDONED,
 * QUEUESTATUS, QUEUEPOSITION, MEMBERINTERFACE, BLINDTRANSFER, ATTENDEDTRANSFER, TRANSFERERNAME, globals).
 *
 * <p>Identifiers as Asterisk makes them: Uniqueid {@code <creation epoch second>.<global sequence>}, channel names
 * {@code PJSIP/<endpoint>-<8 hex digits>} from one PJSIP counter, {@code Local/200@transfer-targets-<8 hex>;1/;2}
 * from a Local counter, bridge ids as UUIDs (from the seed, so a run is reproducible). Times are virtual.
 */
final class AsteriskAmi {

    static final String TRIAGE = "triage";
    static final String CLINICIAN = "clinician";
    static final String INBOUND_CONTEXT = "from-trunk";
    static final String INTERNAL_CONTEXT = "from-internal";
    static final String TRANSFER_CONTEXT = "transfer-targets";
    static final String CONTINGENCY_ENDPOINT = "contingency";
    static final String CONTINGENCY_NUMBER = "3001";
    static final String CONTINGENCY_NAME = "Contingency Desk";
    static final String TRUNK = "trunk";

    /** A bridge between channels. */
    static final class Bridge {
        final String id;
        int channels;

        Bridge(String id) {
            this.id = id;
        }
    }

    private final SimulationConfig config;
    private final DoubleSupplier now;
    private final Consumer<AmiMessage> sink;
    private final long startMicros;
    private final SplittableRandom bridgeIds;
    private long uniqueSequence;
    private long pjsipSequence;
    private long localSequence;
    private int trunkChannels;
    private int contingencyChannels;
    private final Map<String, Boolean> queueWaiting = new HashMap<>();
    private final Map<String, Boolean> queueNoneAvailable = new HashMap<>();

    /** @param sink where events go; null renders nothing (identifiers are still made, for the ground truth) */
    AsteriskAmi(SimulationConfig config, DoubleSupplier now, Consumer<AmiMessage> sink) {
        this.config = config;
        this.now = now;
        this.sink = sink;
        this.startMicros = config.start.toInstant().getEpochSecond() * 1_000_000L
                + config.start.toInstant().getNano() / 1_000L;
        this.bridgeIds = new SplittableRandom(config.seed ^ 0x5DEECE66DL);
    }

    boolean rendering() {
        return sink != null;
    }

    // ---------------------------------------------------------------- identifiers and time

    long epochMicros(double t) {
        return startMicros + Math.round(t * 1e6);
    }

    /** Whole epoch seconds at virtual time t: Asterisk's time(NULL). */
    long epochSecond(double t) {
        return Math.floorDiv(epochMicros(t), 1_000_000L);
    }

    /** Asterisk's HoldTime/TalkTime: the difference of two time(NULL) values. */
    long wholeSeconds(double from, double to) {
        return epochSecond(to) - epochSecond(from);
    }

    String timestamp(double t) {
        long micros = epochMicros(t);
        return String.format(Locale.ROOT, "%d.%06d", Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L));
    }

    private String nextUniqueid(double t) {
        return epochSecond(t) + "." + uniqueSequence++;
    }

    private String pjsipName(String endpoint) {
        return "PJSIP/" + endpoint + "-" + String.format("%08x", pjsipSequence++);
    }

    Chan newCaller(String number) {
        double t = now.getAsDouble();
        String uniqueid = nextUniqueid(t);
        return new Chan(pjsipName(TRUNK), uniqueid, uniqueid, t, 4, number, "Caller " + number, INBOUND_CONTEXT,
                config.dialledNumber);
    }

    private Chan newLeg(String endpoint, String number, String name, Chan caller) {
        double t = now.getAsDouble();
        return new Chan(pjsipName(endpoint), nextUniqueid(t), caller.linkedid, t, 0, number, name, INTERNAL_CONTEXT,
                "s");
    }

    Bridge newBridge() {
        long msb = (bridgeIds.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (bridgeIds.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new Bridge(new UUID(msb, lsb).toString());
    }

    // ---------------------------------------------------------------- event builder

    private class Ev {
        private final List<Header> headers = new ArrayList<>(40);

        Ev h(String name, Object value) {
            headers.add(new Header(name, String.valueOf(value)));
            return this;
        }

        Ev chan(String prefix, Chan c) {
            h(prefix + "Channel", c.name);
            h(prefix + "ChannelState", c.state);
            h(prefix + "ChannelStateDesc", Chan.stateDesc(c.state));
            h(prefix + "CallerIDNum", c.callerNum);
            h(prefix + "CallerIDName", c.callerName);
            h(prefix + "ConnectedLineNum", c.connectedNum);
            h(prefix + "ConnectedLineName", c.connectedName);
            h(prefix + "Language", "en");
            h(prefix + "AccountCode", "");
            h(prefix + "Context", c.context);
            h(prefix + "Exten", c.exten);
            h(prefix + "Priority", c.priority);
            h(prefix + "Uniqueid", c.uniqueid);
            return h(prefix + "Linkedid", c.linkedid);
        }

        Ev bridge(String prefix, Bridge b) {
            h(prefix + "BridgeUniqueid", b.id);
            h(prefix + "BridgeType", "basic");
            h(prefix + "BridgeTechnology", "simple_bridge");
            h(prefix + "BridgeCreator", "<unknown>");
            h(prefix + "BridgeName", "<unknown>");
            h(prefix + "BridgeNumChannels", b.channels);
            return h(prefix + "BridgeVideoSourceMode", "none");
        }

        Ev member(Member m) {
            h("Queue", m.queue);
            h("MemberName", m.name);
            h("Interface", m.iface);
            h("StateInterface", m.iface);
            h("Membership", m.dynamic ? "dynamic" : "static");
            h("Penalty", 0);
            h("CallsTaken", m.callsTaken);
            h("LastCall", m.lastCall);
            h("LastPause", m.lastPause);
            h("LoginTime", m.loginTime);
            h("InCall", m.inCall != null ? 1 : 0);
            h("Status", m.status());
            h("Paused", m.paused ? 1 : 0);
            h("PausedReason", m.pausedReason);
            h("Ringinuse", 0);
            return h("Wrapuptime", 0);
        }

        void emit() {
            sink.accept(AmiMessage.of(headers));
        }
    }

    private final class Silent extends Ev {
        @Override
        Ev h(String name, Object value) {
            return this;
        }

        @Override
        void emit() {
        }
    }

    private final Ev silent = new Silent();

    private Ev ev(String event, String privilege) {
        if (sink == null) {
            return silent;
        }
        Ev e = new Ev().h("Event", event).h("Privilege", privilege);
        if (config.timestamps) {
            e.h("Timestamp", timestamp(now.getAsDouble()));
        }
        return e;
    }

    // ---------------------------------------------------------------- single events

    private void newchannel(Chan c) {
        ev("Newchannel", "call,all").chan("", c).emit();
    }

    private void newstate(Chan c, int state) {
        c.state = state;
        ev("Newstate", "call,all").chan("", c).emit();
    }

    private void connectedLine(Chan c, Chan to) {
        c.connectTo(to);
        ev("NewConnectedLine", "call,all").chan("", c).emit();
    }

    private void varSet(Chan c, String variable, String value) {
        ev("VarSet", "dialplan,all").chan("", c).h("Variable", variable).h("Value", value).emit();
    }

    void globalVarSet(String variable, String value) {
        ev("VarSet", "dialplan,all").h("Channel", "none").h("Uniqueid", "none").h("Variable", variable)
                .h("Value", value).emit();
    }

    private void deviceState(String device, String state) {
        ev("DeviceStateChange", "call,all").h("Device", device).h("State", state).emit();
    }

    private void moh(Chan c, boolean start) {
        Ev e = ev(start ? "MusicOnHoldStart" : "MusicOnHoldStop", "call,all").chan("", c);
        if (start) {
            e.h("Class", "default");
        }
        e.emit();
    }

    private void hangupRequest(Chan c, boolean withCause) {
        Ev e = ev("HangupRequest", "call,all").chan("", c);
        if (withCause) {
            e.h("Cause", 16);
        }
        e.emit();
    }

    private void softHangupRequest(Chan c) {
        ev("SoftHangupRequest", "call,all").chan("", c).h("Cause", 16).emit();
    }

    private void hangup(Chan c, int cause) {
        c.up = false;
        c.hungUp = true;
        ev("Hangup", "call,all").chan("", c).h("Cause", cause).h("Cause-txt", cause == 16 ? "Normal Clearing" : "Unknown")
                .emit();
        if (c.name.startsWith("PJSIP/" + TRUNK + "-")) {
            trunkChannels--;
            if (trunkChannels == 0) {
                deviceState("PJSIP/" + TRUNK, "UNAVAILABLE");
            }
        }
    }

    private void trunkInUse() {
        trunkChannels++;
        if (trunkChannels == 1) {
            deviceState("PJSIP/" + TRUNK, "INUSE");
        }
    }

    private void dial(String event, Chan caller, Chan dest, String extraName, String extraValue) {
        Ev e = ev(event, "call,all");
        if (caller != null) {
            e.chan("", caller);
        }
        e.chan("Dest", dest).h(extraName, extraValue).emit();
    }

    private void bridgeCreate(Bridge b) {
        ev("BridgeCreate", "call,all").bridge("", b).emit();
    }

    private void bridgeDestroy(Bridge b) {
        ev("BridgeDestroy", "call,all").bridge("", b).emit();
    }

    private void bridgeEnter(Bridge b, Chan c) {
        b.channels++;
        ev("BridgeEnter", "call,all").bridge("", b).chan("", c).emit();
    }

    private void bridgeLeave(Bridge b, Chan c) {
        b.channels--;
        ev("BridgeLeave", "call,all").bridge("", b).chan("", c).emit();
    }

    private void queueEvent(String event, Chan c, String queue, Object... extra) {
        Ev e = ev(event, "agent,all").chan("", c).h("Queue", queue);
        for (int i = 0; i < extra.length; i += 2) {
            e.h((String) extra[i], extra[i + 1]);
        }
        e.emit();
    }

    private void agentEvent(String event, Chan c, Chan leg, Member m, Object... extra) {
        Ev e = ev(event, "agent,all").chan("", c).chan("Dest", leg).h("Queue", m.queue).h("Interface", m.iface)
                .h("MemberName", m.name);
        for (int i = 0; i < extra.length; i += 2) {
            e.h((String) extra[i], extra[i + 1]);
        }
        e.emit();
    }

    void memberStatus(Member m) {
        ev("QueueMemberStatus", "agent,all").member(m).emit();
    }

    void memberPause(Member m) {
        deviceState("Queue:" + m.queue + "_pause_" + m.iface, m.paused ? "INUSE" : "NOT_INUSE");
        ev("QueueMemberPause", "agent,all").member(m).emit();
    }

    void memberAdded(Member m) {
        ev("QueueMemberAdded", "agent,all").member(m).emit();
    }

    void memberRemoved(Member m) {
        ev("QueueMemberRemoved", "agent,all").member(m).emit();
    }

    /** Queue:<q>_avail: INUSE while no member can take a call. Emitted on change only. */
    void availability(String queue, boolean noneAvailable) {
        Boolean before = queueNoneAvailable.put(queue, noneAvailable);
        if (before == null ? noneAvailable : before != noneAvailable) {
            deviceState("Queue:" + queue + "_avail", noneAvailable ? "INUSE" : "NOT_INUSE");
        }
    }

    private void queueDevice(String queue, boolean waiting) {
        Boolean before = queueWaiting.put(queue, waiting);
        if (before == null ? waiting : before != waiting) {
            deviceState("Queue:" + queue, waiting ? "RINGING" : "NOT_INUSE");
        }
    }

    // ---------------------------------------------------------------- steps of a call

    /** A caller arrives (a_answered; e_contingency_switch): Newchannel, VarSet DBCONT. */
    void arrive(Chan caller, String dbValue) {
        newchannel(caller);
        caller.priority = 2;
        varSet(caller, "DBCONT", dbValue);
    }

    /** Answer() before Queue() (a_answered): Newstate Up. */
    void answerCaller(Chan caller) {
        caller.priority = 4;
        newstate(caller, 6);
        caller.up = true;
        trunkInUse();
    }

    /** QueueCallerJoin and hold music (a_answered; c_blind_transfer for the clinician queue). */
    void join(Chan ch, String queue, int position, int count) {
        if (queue.equals(CLINICIAN)) {
            ch.at(TRANSFER_CONTEXT, CLINICIAN, 2);
        } else {
            ch.priority = 5;
        }
        queueDevice(queue, true);
        queueEvent("QueueCallerJoin", ch, queue, "Position", position, "Count", count);
        moh(ch, true);
    }

    /** The queue rings a member (a_answered). Returns the member's new channel. */
    Chan ring(Chan ch, Member m) {
        Chan leg = newLeg(m.endpoint, m.number, m.name, ch);
        newchannel(leg);
        // AgentCalled shows the member leg already pointed at the caller, DialBegin not yet (as recorded).
        leg.exten = ch.exten;
        Chan calledView = copyOf(leg);
        calledView.connectTo(ch);
        agentEvent("AgentCalled", ch, calledView, m);
        Chan dialView = copyOf(leg);
        dialView.exten = "s";
        Ev e = ev("DialBegin", "call,all");
        e.chan("", ch).chan("Dest", dialView).h("DialString", m.iface).emit();
        if (!ch.bridgedOnce) {
            connectedLine(ch, leg);
        }
        leg.connectTo(ch);
        newstate(leg, 5);
        ev("NewConnectedLine", "call,all").chan("", leg).emit();
        deviceState(m.iface, "RINGING");
        memberStatus(m);
        dial("DialState", ch, leg, "DialStatus", "RINGING");
        return leg;
    }

    /** The member answers (a_answered): DialEnd ANSWER, QueueCallerLeave, AgentConnect, the bridge. */
    Bridge answer(Chan ch, Chan leg, Member m, int position, int countAfter, long holdTime, long ringTime,
            boolean localCaller) {
        newstate(leg, 6);
        dial("DialEnd", ch, leg, "DialStatus", "ANSWER");
        if (!leg.callerNum.equals(ch.connectedNum)) {
            connectedLine(ch, leg);
        }
        moh(ch, false);
        varSet(ch, "MEMBERINTERFACE", m.iface);
        varSet(leg, "MEMBERINTERFACE", m.iface);
        if (countAfter == 0) {
            queueDevice(m.queue, false);
        }
        queueEvent("QueueCallerLeave", ch, m.queue, "Position", position, "Count", countAfter);
        varSet(ch, "QUEUEPOSITION", Integer.toString(position));
        agentEvent("AgentConnect", ch, leg, m, "HoldTime", holdTime, "RingTime", ringTime);
        memberStatus(m);
        deviceState(m.iface, "INUSE");
        if (localCaller) {
            // c2_attended_transfer: the Local pair comes up once the clinician answers
            return null;
        }
        Bridge b = newBridge();
        bridgeCreate(b);
        bridgeEnter(b, leg);
        bridgeEnter(b, ch);
        ch.bridgedOnce = true;
        return b;
    }

    /** The member did not answer within the member timeout (b_abandon). */
    void ringNoAnswer(Chan ch, Chan leg, Member m, long ringMillis) {
        agentEvent("AgentRingNoAnswer", ch, leg, m, "RingTime", ringMillis);
        dial("DialEnd", ch, leg, "DialStatus", "NOANSWER");
        dial("DialEnd", ch, leg, "DialStatus", "CANCEL");
        hangup(leg, 0);
        deviceState(m.iface, "NOT_INUSE");
    }

    /**
     * The caller hangs up while waiting (g_burst), or while a member rings (b_abandon: two identical DialEnd CANCEL,
     * Hangup Cause 0 for both legs).
     */
    void abandon(Chan ch, Chan ringingLeg, Member ringing, String queue, int position, int originalPosition,
            int countAfter, long holdTime) {
        hangupRequest(ch, false);
        moh(ch, false);
        if (ringingLeg != null) {
            dial("DialEnd", ch, ringingLeg, "DialStatus", "CANCEL");
            dial("DialEnd", ch, ringingLeg, "DialStatus", "CANCEL");
        }
        varSet(ch, "ABANDONED", "TRUE");
        queueEvent("QueueCallerAbandon", ch, queue, "Position", position, "OriginalPosition", originalPosition,
                "HoldTime", holdTime);
        if (countAfter == 0) {
            queueDevice(queue, false);
        }
        queueEvent("QueueCallerLeave", ch, queue, "Position", position, "Count", countAfter);
        varSet(ch, "QUEUEPOSITION", Integer.toString(position));
        softHangupRequest(ch);
        hangup(ch, 0);
        if (ringingLeg != null) {
            hangup(ringingLeg, 0);
            deviceState(ringing.iface, "NOT_INUSE");
        }
    }

    /** The queue timed out (d_timeout_contingency): the caller leaves the queue, QUEUESTATUS=TIMEOUT. */
    void timeout(Chan ch, String queue, int position, int originalPosition, int countAfter, long holdTime) {
        varSet(ch, "ABANDONED", "TRUE");
        queueEvent("QueueCallerAbandon", ch, queue, "Position", position, "OriginalPosition", originalPosition,
                "HoldTime", holdTime);
        moh(ch, false);
        if (countAfter == 0) {
            queueDevice(queue, false);
        }
        queueEvent("QueueCallerLeave", ch, queue, "Position", position, "Count", countAfter);
        varSet(ch, "QUEUEPOSITION", Integer.toString(position));
        varSet(ch, "QUEUESTATUS", "TIMEOUT");
    }

    /** The dialplan hangs up after Queue() returned (clinician queue timeout: extensions.conf). */
    void hangupAfterQueue(Chan ch) {
        softHangupRequest(ch);
        hangup(ch, 16);
    }

    /** Dial(PJSIP/contingency) (d_timeout_contingency after a timeout; e_contingency_switch straight away). */
    Chan contingencyDial(Chan caller) {
        caller.at(INBOUND_CONTEXT, "contingency", 2);
        varSet(caller, "DIALSTATUS", "");
        Chan leg = newLeg(CONTINGENCY_ENDPOINT, CONTINGENCY_NUMBER, CONTINGENCY_NAME, caller);
        newchannel(leg);
        leg.exten = "contingency";
        connectedLine(leg, caller);
        Chan dialView = copyOf(leg);
        dialView.exten = "s";
        ev("DialBegin", "call,all").chan("", caller).chan("Dest", dialView).h("DialString", "PJSIP/" + CONTINGENCY_ENDPOINT)
                .emit();
        connectedLine(caller, leg);
        newstate(leg, 5);
        dial("DialState", caller, leg, "DialStatus", "RINGING");
        contingencyChannels++;
        if (contingencyChannels == 1) {
            deviceState("PJSIP/" + CONTINGENCY_ENDPOINT, "RINGING");
        }
        if (!caller.up) {
            caller.up = true;
            trunkInUse(); // e_contingency_switch: the trunk device goes in use while the desk rings
        }
        return leg;
    }

    /** The contingency desk answers. */
    Bridge contingencyAnswer(Chan caller, Chan leg) {
        newstate(leg, 6);
        varSet(caller, "DIALSTATUS", "ANSWER");
        dial("DialEnd", caller, leg, "DialStatus", "ANSWER");
        if (caller.state != 6) {
            newstate(caller, 6);
        }
        deviceState("PJSIP/" + CONTINGENCY_ENDPOINT, "INUSE");
        Bridge b = newBridge();
        bridgeCreate(b);
        leg.exten = "";
        bridgeEnter(b, leg);
        bridgeEnter(b, caller);
        return b;
    }

    /** The contingency desk hangs up (d_timeout_contingency, e_contingency_switch). */
    void contingencyEnd(Chan caller, Chan leg, Bridge b) {
        hangupRequest(leg, true);
        bridgeLeave(b, leg);
        bridgeLeave(b, caller);
        bridgeDestroy(b);
        varSet(caller, "DIALSTATUS", "ANSWER");
        softHangupRequest(caller);
        hangup(leg, 16);
        contingencyChannels--;
        if (contingencyChannels == 0) {
            deviceState("PJSIP/" + CONTINGENCY_ENDPOINT, "NOT_INUSE");
        }
        hangup(caller, 16);
    }

    /** The caller hangs up while talking to a member (a_answered: Reason=caller). */
    void callerEnds(Chan ch, Chan leg, Member m, Bridge b, long holdTime, long talkTime) {
        hangupRequest(ch, false);
        agentEvent("AgentComplete", ch, leg, m, "HoldTime", holdTime, "TalkTime", talkTime, "Reason", "caller");
        bridgeLeave(b, ch);
        softHangupRequest(ch);
        bridgeLeave(b, leg);
        hangup(ch, 16);
        bridgeDestroy(b);
        hangup(leg, 16);
        memberStatus(m);
        deviceState(m.iface, "NOT_INUSE");
    }

    /** The member hangs up (a2_agent_hangup: Reason=agent). */
    void memberEnds(Chan ch, Chan leg, Member m, Bridge b, long holdTime, long talkTime) {
        hangupRequest(leg, false);
        agentEvent("AgentComplete", ch, leg, m, "HoldTime", holdTime, "TalkTime", talkTime, "Reason", "agent");
        bridgeLeave(b, leg);
        bridgeLeave(b, ch);
        hangup(leg, 16);
        bridgeDestroy(b);
        softHangupRequest(ch);
        deviceState(m.iface, "NOT_INUSE");
        hangup(ch, 16);
        memberStatus(m);
    }

    /** Blind transfer to the clinician queue (c_blind_transfer), up to the caller joining that queue. */
    void blindTransfer(Chan ch, Chan leg, Member m, Bridge b, long holdTime, long talkTime) {
        varSet(leg, "BLINDTRANSFER", ch.name);
        varSet(ch, "BLINDTRANSFER", leg.name);
        ev("BlindTransfer", "call,all").h("Result", "Success").chan("Transferer", leg).chan("Transferee", ch)
                .bridge("", b).h("IsExternal", "Yes").h("Context", TRANSFER_CONTEXT).h("Extension", CLINICIAN).emit();
        ch.at(TRANSFER_CONTEXT, CLINICIAN, 1);
        bridgeLeave(b, ch);
        bridgeLeave(b, leg);
        bridgeDestroy(b);
        hangup(leg, 16);
        deviceState(m.iface, "NOT_INUSE");
        agentEvent("AgentComplete", ch, leg, m, "HoldTime", holdTime, "TalkTime", talkTime, "Reason", "transfer");
        memberStatus(m);
    }

    /** The clinician answered a blind-transferred caller: the transfer variable is cleared (c_blind_transfer). */
    void blindTransferDone(Chan ch) {
        varSet(ch, "BLINDTRANSFER", "");
    }

    /** The Local pair of an attended transfer (c2_attended_transfer). */
    static final class Consult {
        final Chan one;
        final Chan two;
        final Bridge bridge;

        Consult(Chan one, Chan two, Bridge bridge) {
            this.one = one;
            this.two = two;
            this.bridge = bridge;
        }
    }

    /**
     * Atxfer: DTMF *2 and 200, hold, the Local pair, the consultation bridge; up to Local;2 joining the clinician
     * queue (c2_attended_transfer).
     */
    Consult consultStart(Chan ch, Chan leg, Bridge callerBridge) {
        dtmf(leg, "*");
        dtmf(leg, "2");
        ev("Hold", "call,all").chan("", leg).emit();
        moh(ch, true);
        dtmf(leg, "2");
        dtmf(leg, "0");
        dtmf(leg, "0");
        double t = now.getAsDouble();
        String base = "Local/200@" + TRANSFER_CONTEXT + "-" + String.format("%08x", localSequence++);
        Chan one = new Chan(base + ";1", nextUniqueid(t), ch.linkedid, t, 0, "<unknown>", "<unknown>",
                TRANSFER_CONTEXT, "200");
        Chan two = new Chan(base + ";2", nextUniqueid(t), ch.linkedid, t, 4, "<unknown>", "<unknown>",
                TRANSFER_CONTEXT, "200");
        newchannel(one);
        newchannel(two);
        varSet(one, "TRANSFERERNAME", leg.name);
        varSet(one, "ATTENDEDTRANSFER", leg.name);
        Bridge consult = newBridge();
        bridgeCreate(consult);
        varSet(two, "ATTENDEDTRANSFER", leg.name);
        varSet(two, "TRANSFERERNAME", leg.name);
        two.callerNum = leg.callerNum;
        two.callerName = leg.callerName;
        ev("NewCallerid", "call,all").chan("", two).h("CID-CallingPres", "0 (Presentation Allowed, Not Screened)")
                .emit();
        ev("LocalBridge", "call,all").chan("LocalOne", one).chan("LocalTwo", two).h("Context", TRANSFER_CONTEXT)
                .h("Exten", "200").h("LocalOptimization", "Yes").emit();
        connectedLine(one, leg);
        bridgeEnter(consult, one);
        varSet(one, "ATTENDEDTRANSFER", "");
        bridgeLeave(callerBridge, leg);
        bridgeEnter(consult, leg);
        leg.connectedNum = "<unknown>";
        leg.connectedName = "<unknown>";
        ev("NewConnectedLine", "call,all").chan("", leg).emit();
        return new Consult(one, two, consult);
    }

    private void dtmf(Chan c, String digit) {
        ev("DTMFEnd", "dtmf,all").chan("", c).h("Digit", digit).h("DurationMs", 0).h("Direction", "Received").emit();
    }

    /** After the clinician's AgentConnect on Local;2: the Local pair comes up, Local;2 is bridged to the clinician. */
    Bridge consultAnswered(Consult c, Chan agentLeg, Chan clinLeg) {
        newstate(c.one, 6);
        c.one.callerNum = clinLeg.callerNum;
        c.one.callerName = clinLeg.callerName;
        ev("NewCallerid", "call,all").chan("", c.one).h("CID-CallingPres", "0 (Presentation Allowed, Not Screened)")
                .emit();
        ev("DialEnd", "call,all").chan("Dest", c.one).h("DialStatus", "ANSWER").emit();
        newstate(c.two, 6);
        connectedLine(agentLeg, clinLeg);
        Bridge b = newBridge();
        bridgeCreate(b);
        bridgeEnter(b, clinLeg);
        bridgeEnter(b, c.two);
        varSet(c.two, "ATTENDEDTRANSFER", "");
        return b;
    }

    /** The handler hangs up after consulting: the transfer completes (c2_attended_transfer). */
    void consultComplete(Chan ch, Chan leg, Member agent, Bridge callerBridge, Consult c, Chan clinLeg,
            long holdTime, long talkTime) {
        bridgeLeave(c.bridge, leg);
        ev("BridgeMerge", "call,all").bridge("To", callerBridge).bridge("From", c.bridge).emit();
        bridgeLeave(c.bridge, c.one);
        bridgeEnter(callerBridge, c.one);
        moh(ch, false);
        Bridge secondView = new Bridge(c.bridge.id);
        secondView.channels = 1;
        Bridge origView = new Bridge(callerBridge.id);
        origView.channels = 2;
        ev("AttendedTransfer", "call,all").h("Result", "Success").chan("OrigTransferer", leg).bridge("Orig", origView)
                .chan("SecondTransferer", leg).bridge("Second", secondView).chan("Transferee", ch)
                .chan("TransferTarget", c.one).h("IsExternal", "No").h("DestType", "Bridge")
                .h("DestBridgeUniqueid", callerBridge.id).emit();
        agentEvent("AgentComplete", ch, leg, agent, "HoldTime", holdTime, "TalkTime", talkTime, "Reason", "transfer");
        connectedLine(ch, clinLeg);
        bridgeDestroy(c.bridge);
        connectedLine(c.one, ch);
        connectedLine(clinLeg, ch);
        hangup(leg, 16);
        memberStatus(agent);
        deviceState(agent.iface, "NOT_INUSE");
    }

    /** The clinician ends an attended-transfer call (c2_attended_transfer). */
    void attendedClinicianEnds(Chan ch, Consult c, Chan clinLeg, Member clin, Bridge clinBridge, Bridge callerBridge,
            long holdTime, long talkTime) {
        c.two.callerNum = ch.callerNum;
        c.two.callerName = ch.callerName;
        ev("NewCallerid", "call,all").chan("", c.two).h("CID-CallingPres", "0 (Presentation Allowed, Not Screened)")
                .emit();
        hangupRequest(clinLeg, false);
        agentEvent("AgentComplete", c.two, clinLeg, clin, "HoldTime", holdTime, "TalkTime", talkTime, "Reason",
                "agent");
        bridgeLeave(clinBridge, clinLeg);
        bridgeLeave(clinBridge, c.two);
        bridgeDestroy(clinBridge);
        hangup(clinLeg, 16);
        softHangupRequest(c.two);
        hangupRequest(c.one, true);
        deviceState(clin.iface, "NOT_INUSE");
        memberStatus(clin);
        bridgeLeave(callerBridge, c.one);
        bridgeLeave(callerBridge, ch);
        softHangupRequest(ch);
        hangup(c.two, 16);
        bridgeDestroy(callerBridge);
        hangup(c.one, 16);
        hangup(ch, 16);
    }

    /** The caller ends an attended-transfer call (not recorded: the hang-up travels the other way). */
    void attendedCallerEnds(Chan ch, Consult c, Chan clinLeg, Member clin, Bridge clinBridge, Bridge callerBridge,
            long holdTime, long talkTime) {
        hangupRequest(ch, false);
        bridgeLeave(callerBridge, ch);
        bridgeLeave(callerBridge, c.one);
        bridgeDestroy(callerBridge);
        softHangupRequest(c.one);
        agentEvent("AgentComplete", c.two, clinLeg, clin, "HoldTime", holdTime, "TalkTime", talkTime, "Reason",
                "caller");
        bridgeLeave(clinBridge, c.two);
        bridgeLeave(clinBridge, clinLeg);
        bridgeDestroy(clinBridge);
        hangup(c.two, 16);
        hangup(clinLeg, 16);
        deviceState(clin.iface, "NOT_INUSE");
        memberStatus(clin);
        hangup(c.one, 16);
        hangup(ch, 16);
    }

    /**
     * No clinician answered the consultation in time (not recorded): Local;2 leaves the queue on timeout and the
     * dialplan hangs it up; the handler is back with the caller.
     */
    void consultFailed(Chan ch, Chan leg, Bridge callerBridge, Consult c, int position, int originalPosition,
            int countAfter, long holdTime) {
        timeout(c.two, CLINICIAN, position, originalPosition, countAfter, holdTime);
        softHangupRequest(c.two);
        hangup(c.two, 16);
        bridgeLeave(c.bridge, c.one);
        hangup(c.one, 16);
        bridgeLeave(c.bridge, leg);
        bridgeDestroy(c.bridge);
        bridgeEnter(callerBridge, leg);
        ev("Unhold", "call,all").chan("", leg).emit();
        moh(ch, false);
        leg.connectTo(ch);
    }

    private static Chan copyOf(Chan c) {
        Chan copy = new Chan(c.name, c.uniqueid, c.linkedid, c.createdAt, c.state, c.callerNum, c.callerName,
                c.context, c.exten);
        copy.priority = c.priority;
        copy.connectedNum = c.connectedNum;
        copy.connectedName = c.connectedName;
        return copy;
    }
}
