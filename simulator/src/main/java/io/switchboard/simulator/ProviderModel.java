package io.switchboard.simulator;

import io.switchboard.amireplay.AmiMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The provider: a discrete-event model of one urgent-care call centre on an Asterisk PBX configured as in the
 * recordings (ami-replay's transcripts/pbx-config). Time is virtual (seconds from the configured start); nothing here
 * knows the wall clock, so the same seed gives the same calls, the same events and the same ground truth however fast
 * it runs. Not thread safe: {@link Simulation} drives it from one thread at a time.
 *
 * <h2>What it models</h2>
 * <ul>
 *   <li>Calls arrive as a Poisson process with the {@link ArrivalProfile}'s hourly rate. Each call's behaviour is a
 *       {@link CallPlan} drawn from its own random stream (seed and call number), so changing the staffing does not
 *       change who calls or how patient they are.</li>
 *   <li>The dialplan of extensions.conf: if the contingency switch (global variable, or AstDB switch/CONTINGENCY)
 *       is 1 the call goes straight to the contingency desk; otherwise Answer(), then Queue(triage) 0.5 s later with
 *       the queue timeout; on TIMEOUT, Dial(PJSIP/contingency).</li>
 *   <li>app_queue as configured in queues.conf: FIFO callers, rrmemory (triage) or first free member (clinician),
 *       autofill, ringinuse=no, member timeout then retry, callers re-checking for a free member every second,
 *       a caller who hangs up while waiting or ringing is an abandon.</li>
 *   <li>Handlers: ring time, talk time, who hangs up, after-call work (invisible to the PBX, like wrapuptime),
 *       transfers to the clinician queue (blind, or attended through a Local channel pair), breaks (QueuePause),
 *       shifts (QueueMemberAdded/Removed when the {@link Roster} changes).</li>
 *   <li>The contingency desk: unlimited capacity, answers after a delay, ends the call.</li>
 * </ul>
 */
public final class ProviderModel {

    /** A timed action; cancelled ones stay in the queue and are skipped. */
    static final class Timer implements Comparable<Timer> {
        final double at;
        final long sequence;
        final Runnable action;
        boolean cancelled;

        Timer(double at, long sequence, Runnable action) {
            this.at = at;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Double.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    enum Phase { ARRIVING, QUEUED, TALKING, CONSULTING, CLINICIAN_QUEUE, CLINICIAN_TALK, CONTINGENCY, ENDED }

    enum EntryState { WAITING, RESERVED, RINGING, RETRY }

    /** One call in progress. */
    final class Call {
        final long index;
        final CallPlan plan;
        final Chan caller;
        final double arrivedAt;
        final CallTruth.Draft truth = new CallTruth.Draft();
        Phase phase = Phase.ARRIVING;
        Entry entry;
        Member agent;
        Chan agentLeg;
        AsteriskAmi.Bridge bridge;
        double joinedAt;
        double answeredAt;
        int ringAttempts;
        int unansweredLeft;
        Timer talkTimer;
        Timer hangupTimer;
        /** A (simulated) handler is assessing the call: the talk does not end before the assessment does. */
        boolean assessing;
        /** The talk came to its drawn end while the assessment went on: it ends when the assessment does. */
        boolean talkDue;
        AsteriskAmi.Consult consult;
        Member clinician;
        Chan clinicianLeg;
        AsteriskAmi.Bridge clinicianBridge;
        double clinicianJoinedAt;
        double clinicianAnsweredAt;
        Chan contingencyLeg;
        AsteriskAmi.Bridge contingencyBridge;
        double contingencyAnsweredAt;

        Call(long index, CallPlan plan, Chan caller) {
            this.index = index;
            this.plan = plan;
            this.caller = caller;
            this.arrivedAt = now;
            this.unansweredLeft = plan.unansweredRings();
        }
    }

    /** A caller (or the Local;2 channel of an attended transfer) in a queue. */
    final class Entry {
        final Call call;
        final Chan chan;
        final QueueState queue;
        final double joinedAt;
        final int originalPosition;
        final boolean local;
        EntryState state = EntryState.WAITING;
        double anchor;
        Member member;
        Chan leg;
        double ringStartedAt;
        Timer ringTimer;
        Timer tickTimer;
        Timer retryTimer;
        Timer abandonTimer;
        Timer timeoutTimer;

        Entry(Call call, Chan chan, QueueState queue, boolean local) {
            this.call = call;
            this.chan = chan;
            this.queue = queue;
            this.joinedAt = now;
            this.anchor = now;
            this.local = local;
            this.originalPosition = queue.entries.size() + 1;
        }

        /** app_queue re-checks for a free member every second from when the caller (re)started waiting. */
        double nextCheck() {
            double elapsed = now - anchor;
            double checks = Math.ceil(elapsed / config.recheck - 1e-9);
            return anchor + Math.max(0, checks) * config.recheck;
        }
    }

    /** One queue: its waiting callers in order and its members. */
    static final class QueueState {
        final String name;
        final boolean roundRobin;
        final double memberTimeout;
        final List<Entry> entries = new ArrayList<>();
        final List<Member> members = new ArrayList<>();
        int lastRung = -1;
        int completed;
        int abandoned;
        int completedWithinServiceLevel;
        long holdTotal;
        long talkTotal;

        QueueState(String name, boolean roundRobin, double memberTimeout) {
            this.name = name;
            this.roundRobin = roundRobin;
            this.memberTimeout = memberTimeout;
        }

        Member pick(double now) {
            int n = members.size();
            for (int i = 0; i < n; i++) {
                int index = roundRobin ? Math.floorMod(lastRung + 1 + i, n) : i;
                Member m = members.get(index);
                if (m.available(now)) {
                    return m;
                }
            }
            return null;
        }

        boolean noneAvailable(double now) {
            for (Member m : members) {
                if (m.available(now)) {
                    return false;
                }
            }
            return true;
        }

        int position(Entry e) {
            return entries.indexOf(e) + 1;
        }
    }

    private final SimulationConfig config;
    final AsteriskAmi ami;
    private final GroundTruth truth;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final SplittableRandom arrivals;
    private final double end;
    final QueueState triage;
    final QueueState clinicianQueue;
    private final Map<String, String> globals = new HashMap<>();
    private final Map<String, String> astdb = new HashMap<>();
    private final Map<String, Call> live = new LinkedHashMap<>();
    private double now;
    private long timerSequence;
    private long callCount;
    private String lastLinkedid;
    private boolean arrivalsOver;

    /**
     * @param sink where the rendered AMI events go, in order; null renders none (statistics runs)
     */
    public ProviderModel(SimulationConfig config, GroundTruth truth, Consumer<AmiMessage> sink) {
        this.config = config;
        this.truth = truth;
        this.ami = new AsteriskAmi(config, () -> now, sink);
        this.arrivals = new SplittableRandom(mix(config.seed, -1));
        this.end = config.duration.toNanos() / 1e9;
        this.triage = new QueueState(AsteriskAmi.TRIAGE, true, config.memberTimeout);
        this.clinicianQueue = new QueueState(AsteriskAmi.CLINICIAN, false, 15);
        globals.put(config.contingencyVariable, config.contingencyEngaged ? "1" : "0");
        applyRoster(true);
        if (config.randomArrivals) {
            scheduleNextArrival(0);
        } else {
            arrivalsOver = true;
        }
    }

    // ------------------------------------------------------------------ clock

    /** Virtual seconds since the start. */
    public double now() {
        return now;
    }

    /** Virtual time of the next thing that will happen, or infinity when nothing is scheduled. */
    public double nextEventTime() {
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        return timers.isEmpty() ? Double.POSITIVE_INFINITY : timers.peek().at;
    }

    /** Runs everything due up to virtual time {@code t}, then sets the clock to {@code t}. */
    public void advanceTo(double t) {
        while (true) {
            Timer next = timers.peek();
            if (next == null || next.at > t) {
                break;
            }
            timers.poll();
            if (next.cancelled) {
                continue;
            }
            now = Math.max(now, next.at);
            next.action.run();
        }
        now = Math.max(now, t);
    }

    /** Whether arrivals are over and every call has ended (nothing more will happen but shifts and breaks). */
    public boolean finished() {
        return arrivalsOver && live.isEmpty() && now >= end;
    }

    /** End of the arrival window, virtual seconds. */
    public double end() {
        return end;
    }

    public int callsInProgress() {
        return live.size();
    }

    public long callsArrived() {
        return callCount;
    }

    /** The Linkedid of the latest caller, or null. */
    public String lastLinkedid() {
        return lastLinkedid;
    }

    /** Virtual time as an instant. */
    public Instant instant(double t) {
        long micros = ami.epochMicros(t);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** Schedules an action at virtual time {@code t} (for scripts: pauses, switch changes...). */
    public void at(double t, Runnable action) {
        schedule(t, action);
    }

    private Timer schedule(double t, Runnable action) {
        Timer timer = new Timer(Math.max(t, now), timerSequence++, action);
        timers.add(timer);
        return timer;
    }

    private static void cancel(Timer timer) {
        if (timer != null) {
            timer.cancelled = true;
        }
    }

    private static long mix(long seed, long n) {
        long z = seed * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ arrivals

    private void scheduleNextArrival(double from) {
        double t = from;
        while (t < end) {
            LocalDateTime local = config.localTime(t);
            double perSecond = config.arrivals.rateAt(local) / 3600.0;
            double segmentEnd = Math.min(end, Math.max(t + 1e-6, config.secondsAt(config.arrivals.nextChange(local))));
            if (perSecond > 0) {
                double gap = -Math.log(1.0 - arrivals.nextDouble()) / perSecond;
                if (t + gap < segmentEnd) {
                    schedule(t + gap, () -> {
                        long n = callCount;
                        arrive(CallPlan.sample(config, new SplittableRandom(mix(config.seed, n))), null);
                        scheduleNextArrival(now);
                    });
                    return;
                }
            }
            t = segmentEnd; // memoryless: start afresh at the rate change
        }
        arrivalsOver = true;
    }

    /** Schedules one call with an explicit plan (scripted scenarios); {@code number} may be null (synthetic). */
    public void scheduleCall(double t, CallPlan plan, String number) {
        schedule(t, () -> arrive(plan, number));
    }

    private void arrive(CallPlan plan, String number) {
        long index = callCount++;
        String callerNumber = number != null ? number : SyntheticNumbers.number(index);
        Chan caller = ami.newCaller(callerNumber);
        Call c = new Call(index, plan, caller);
        live.put(caller.linkedid, c);
        lastLinkedid = caller.linkedid;
        c.truth.put("linkedid", caller.linkedid).put("callerNumber", callerNumber).put("channel", caller.name)
                .put("arrivedAt", instant(now).toString());
        String db = astdb.get("switch/CONTINGENCY");
        ami.arrive(caller, db == null ? "" : db);
        if (Double.isFinite(plan.hangupAfter())) {
            c.hangupTimer = schedule(now + plan.hangupAfter(), () -> callerHangsUp(c));
        }
        if ("1".equals(globals.get(config.contingencyVariable)) || "1".equals(db)) {
            c.truth.put("route", "contingency-switch").put("outcome", CallTruth.Outcome.CONTINGENCY.wireName());
            startContingency(c, "switch-engaged");
            return;
        }
        c.truth.put("route", "queue");
        ami.answerCaller(caller);
        schedule(now + config.joinDelay, () -> joinTriage(c));
    }

    private void joinTriage(Call c) {
        if (c.phase == Phase.ENDED) {
            return;
        }
        c.phase = Phase.QUEUED;
        Entry e = new Entry(c, c.caller, triage, false);
        c.entry = e;
        c.joinedAt = now;
        triage.entries.add(e);
        ami.join(c.caller, triage.name, e.originalPosition, triage.entries.size());
        c.truth.put("queue", triage.name).put("position", e.originalPosition);
        if (Double.isFinite(c.plan.patience())) {
            e.abandonTimer = schedule(now + c.plan.patience(), () -> abandon(e));
        }
        if (config.queueTimeout > 0) {
            e.timeoutTimer = schedule(now + config.queueTimeout, () -> queueTimeout(e));
        }
        dispatch(triage);
    }

    // ------------------------------------------------------------------ queues

    private void dispatch(QueueState q) {
        for (Entry e : new ArrayList<>(q.entries)) {
            if (e.state != EntryState.WAITING) {
                continue;
            }
            Member m = q.pick(now);
            if (m == null) {
                break;
            }
            double check = e.nextCheck();
            if (check <= now + 1e-9) {
                ring(e, m);
            } else {
                e.state = EntryState.RESERVED;
                e.member = m;
                m.reservedFor = e;
                e.tickTimer = schedule(check, () -> onCheck(e));
            }
        }
        availability(q);
    }

    private void onCheck(Entry e) {
        if (e.state != EntryState.RESERVED) {
            return;
        }
        Member m = e.member;
        m.reservedFor = null;
        e.member = null;
        e.state = EntryState.WAITING;
        if (m.available(now)) {
            ring(e, m);
            availability(e.queue);
        } else {
            dispatch(e.queue);
        }
    }

    private void release(Entry e) {
        cancel(e.tickTimer);
        cancel(e.retryTimer);
        cancel(e.abandonTimer);
        cancel(e.timeoutTimer);
        cancel(e.ringTimer);
        if (e.state == EntryState.RESERVED && e.member != null) {
            e.member.reservedFor = null;
            e.member = null;
        }
    }

    private void ring(Entry e, Member m) {
        QueueState q = e.queue;
        e.state = EntryState.RINGING;
        e.member = m;
        m.ringingFor = e;
        q.lastRung = q.members.indexOf(m);
        e.ringStartedAt = now;
        Call c = e.call;
        c.ringAttempts++;
        e.leg = ami.ring(e.chan, m);
        boolean unanswered = q == triage && c.unansweredLeft > 0;
        if (unanswered) {
            c.unansweredLeft--;
        }
        double answerAfter = c.plan.ringSeconds();
        if (unanswered || answerAfter >= q.memberTimeout) {
            e.ringTimer = schedule(now + q.memberTimeout, () -> ringNoAnswer(e));
        } else {
            e.ringTimer = schedule(now + answerAfter, () -> answer(e));
        }
    }

    private void stopRinging(Entry e) {
        Member m = e.member;
        cancel(e.ringTimer);
        ami.ringNoAnswer(e.chan, e.leg, m, Math.round((now - e.ringStartedAt) * 1000));
        m.ringingFor = null;
        ami.memberStatus(m);
        e.member = null;
        e.leg = null;
        logoutIfLeaving(m);
    }

    /** A member whose shift ended while its phone rang logs out once the ringing stops. */
    private void logoutIfLeaving(Member m) {
        if (m.leaving && m.loggedIn && m.inCall == null && m.ringingFor == null) {
            logout(m);
        }
    }

    private void ringNoAnswer(Entry e) {
        stopRinging(e);
        e.state = EntryState.RETRY;
        e.retryTimer = schedule(now + config.retry, () -> {
            e.state = EntryState.WAITING;
            e.anchor = now;
            dispatch(e.queue);
        });
        dispatch(e.queue);
    }

    private void answer(Entry e) {
        QueueState q = e.queue;
        Call c = e.call;
        Member m = e.member;
        int position = q.position(e);
        q.entries.remove(e);
        release(e);
        m.ringingFor = null;
        m.inCall = c;
        long hold = ami.wholeSeconds(e.joinedAt, now);
        // app_queue: RingTime = elapsed ring milliseconds / 1000 (not a time(NULL) difference like HoldTime)
        long ringTime = (long) Math.floor(now - e.ringStartedAt + 1e-9);
        q.holdTotal += hold;
        AsteriskAmi.Bridge bridge = ami.answer(e.chan, e.leg, m, position, q.entries.size(), hold, ringTime, e.local);
        if (q == triage) {
            c.phase = Phase.TALKING;
            c.agent = m;
            c.agentLeg = e.leg;
            c.bridge = bridge;
            c.answeredAt = now;
            c.entry = null;
            c.truth.put("waitSeconds", now - e.joinedAt).put("pbxHoldTime", (int) hold)
                    .put("answeredAt", instant(now).toString()).put("agent", m.iface)
                    .put("ringAttempts", c.ringAttempts).put("outcome", CallTruth.Outcome.ANSWERED.wireName());
            double talkEnd = now + c.plan.talk();
            boolean callerFirst = callerGoneBy(c) < talkEnd;
            c.talkTimer = schedule(callerFirst ? callerGoneBy(c) : talkEnd, () -> endOfTalk(c, callerFirst));
        } else {
            c.clinician = m;
            c.clinicianLeg = e.leg;
            c.clinicianAnsweredAt = now;
            c.truth.put("clinicianOutcome", "answered").put("clinicianWaitSeconds", now - e.joinedAt)
                    .put("clinicianPbxHoldTime", (int) hold).put("clinician", m.iface);
            if (e.local) {
                c.clinicianBridge = ami.consultAnswered(c.consult, c.agentLeg, e.leg);
                c.talkTimer = schedule(now + c.plan.consult(), () -> completeConsult(c));
            } else {
                c.phase = Phase.CLINICIAN_TALK;
                c.clinicianBridge = bridge;
                ami.blindTransferDone(c.caller);
                scheduleClinicianEnd(c);
            }
        }
        if (hold <= 20) {
            q.completedWithinServiceLevel++;
        }
        dispatch(q);
    }

    private double callerGoneBy(Call c) {
        return c.arrivedAt + c.plan.hangupAfter();
    }

    private void abandon(Entry e) {
        QueueState q = e.queue;
        Call c = e.call;
        int position = q.position(e);
        q.entries.remove(e);
        Member ringing = e.state == EntryState.RINGING ? e.member : null;
        release(e);
        if (ringing != null) {
            ringing.ringingFor = null;
        }
        long hold = ami.wholeSeconds(e.joinedAt, now);
        ami.abandon(e.chan, ringing == null ? null : e.leg, ringing, q.name, position, e.originalPosition,
                q.entries.size(), hold);
        if (ringing != null) {
            ami.memberStatus(ringing);
            logoutIfLeaving(ringing);
        }
        q.abandoned++;
        double wait = now - e.joinedAt;
        if (q == triage) {
            c.truth.put("outcome", CallTruth.Outcome.ABANDONED.wireName()).put("waitSeconds", wait)
                    .put("pbxHoldTime", (int) hold).put("ringAttempts", c.ringAttempts);
        } else {
            c.truth.put("clinicianOutcome", "abandoned").put("clinicianWaitSeconds", wait)
                    .put("clinicianPbxHoldTime", (int) hold);
        }
        c.truth.put("endedBy", "caller");
        finish(c);
        dispatch(q);
    }

    private void queueTimeout(Entry e) {
        QueueState q = e.queue;
        Call c = e.call;
        int position = q.position(e);
        q.entries.remove(e);
        if (e.state == EntryState.RINGING) {
            stopRinging(e);
        }
        release(e);
        long hold = ami.wholeSeconds(e.joinedAt, now);
        q.abandoned++;
        double wait = now - e.joinedAt;
        if (q == triage) {
            ami.timeout(e.chan, q.name, position, e.originalPosition, q.entries.size(), hold);
            c.truth.put("outcome", CallTruth.Outcome.TIMED_OUT.wireName()).put("waitSeconds", wait)
                    .put("pbxHoldTime", (int) hold).put("ringAttempts", c.ringAttempts);
            c.entry = null;
            startContingency(c, "queue-timeout");
        } else if (e.local) {
            // No clinician took the consultation: the handler is back with the caller and ends the call.
            ami.consultFailed(c.caller, c.agentLeg, c.bridge, c.consult, position, e.originalPosition,
                    q.entries.size(), hold);
            c.consult = null;
            c.phase = Phase.TALKING;
            c.truth.put("clinicianOutcome", "timed-out").put("clinicianWaitSeconds", wait)
                    .put("clinicianPbxHoldTime", (int) hold).put("outcome", CallTruth.Outcome.ANSWERED.wireName());
            c.talkTimer = schedule(now + c.plan.consult(), () -> endOfTalk(c, !c.plan.agentEnds()));
        } else {
            ami.timeout(e.chan, q.name, position, e.originalPosition, q.entries.size(), hold);
            ami.hangupAfterQueue(e.chan);
            c.truth.put("clinicianOutcome", "timed-out").put("clinicianWaitSeconds", wait)
                    .put("clinicianPbxHoldTime", (int) hold).put("endedBy", "pbx");
            finish(c);
        }
        dispatch(q);
    }

    private void availability(QueueState q) {
        if (ami.rendering()) {
            ami.availability(q.name, q.noneAvailable(now));
        }
    }

    // ------------------------------------------------------------------ talk, transfers, endings

    private void endOfTalk(Call c, boolean callerHangsUp) {
        if (c.assessing && !callerHangsUp && c.phase == Phase.TALKING && c.consult == null) {
            c.talkDue = true; // a handler does not hang up in the middle of an assessment
            return;
        }
        if (!callerHangsUp && c.phase == Phase.TALKING && c.consult == null
                && c.truth.get("transfer") == null) {
            if (c.plan.transfer() == CallPlan.Transfer.BLIND) {
                blindTransfer(c);
                return;
            }
            if (c.plan.transfer() == CallPlan.Transfer.ATTENDED) {
                startConsult(c);
                return;
            }
        }
        finishTalk(c, callerHangsUp || !c.plan.agentEnds() ? "caller" : "agent");
    }

    private void finishTalk(Call c, String endedBy) {
        cancel(c.talkTimer);
        Member m = c.agent;
        long hold = ami.wholeSeconds(c.joinedAt, c.answeredAt);
        long talk = ami.wholeSeconds(c.answeredAt, now);
        completeMemberCall(m, triage, talk);
        if (endedBy.equals("agent")) {
            ami.memberEnds(c.caller, c.agentLeg, m, c.bridge, hold, talk);
        } else {
            ami.callerEnds(c.caller, c.agentLeg, m, c.bridge, hold, talk);
        }
        c.truth.put("talkSeconds", now - c.answeredAt).put("pbxTalkTime", (int) talk).put("endedBy", endedBy);
        releaseMember(m, c.plan.wrapUp());
        finish(c);
    }

    private void completeMemberCall(Member m, QueueState q, long talk) {
        m.callsTaken++;
        m.lastCall = ami.epochSecond(now);
        m.inCall = null;
        q.completed++;
        q.talkTotal += talk;
    }

    private void releaseMember(Member m, double wrapUp) {
        m.inCall = null;
        m.wrapUntil = now + wrapUp;
        QueueState q = queueOf(m);
        if (wrapUp > 0) {
            availability(q);
            schedule(m.wrapUntil, () -> memberFree(m));
        } else {
            memberFree(m);
        }
    }

    private void memberFree(Member m) {
        QueueState q = queueOf(m);
        if (m.leaving && m.inCall == null && m.ringingFor == null) {
            logout(m);
        }
        dispatch(q);
    }

    private QueueState queueOf(Member m) {
        return m.queue.equals(triage.name) ? triage : clinicianQueue;
    }

    private void blindTransfer(Call c) {
        cancel(c.talkTimer);
        Member m = c.agent;
        long hold = ami.wholeSeconds(c.joinedAt, c.answeredAt);
        long talk = ami.wholeSeconds(c.answeredAt, now);
        completeMemberCall(m, triage, talk);
        ami.blindTransfer(c.caller, c.agentLeg, m, c.bridge, hold, talk);
        c.truth.put("talkSeconds", now - c.answeredAt).put("pbxTalkTime", (int) talk).put("transfer", "blind")
                .put("transferredAt", instant(now).toString())
                .put("outcome", CallTruth.Outcome.TRANSFERRED.wireName());
        c.bridge = null;
        releaseMember(m, c.plan.wrapUp());
        c.phase = Phase.CLINICIAN_QUEUE;
        joinClinician(c, c.caller, false);
    }

    private void joinClinician(Call c, Chan chan, boolean local) {
        Entry e = new Entry(c, chan, clinicianQueue, local);
        c.entry = e;
        c.clinicianJoinedAt = now;
        clinicianQueue.entries.add(e);
        ami.join(chan, clinicianQueue.name, e.originalPosition, clinicianQueue.entries.size());
        if (!local && Double.isFinite(c.plan.clinicianPatience())) {
            e.abandonTimer = schedule(now + c.plan.clinicianPatience(), () -> abandon(e));
        }
        if (config.clinicianQueueTimeout > 0) {
            e.timeoutTimer = schedule(now + config.clinicianQueueTimeout, () -> queueTimeout(e));
        }
        dispatch(clinicianQueue);
    }

    private void startConsult(Call c) {
        cancel(c.talkTimer);
        c.phase = Phase.CONSULTING;
        c.consult = ami.consultStart(c.caller, c.agentLeg, c.bridge);
        c.consult.two.bridgedOnce = true;
        c.truth.put("transfer", "attended");
        joinClinician(c, c.consult.two, true);
    }

    private void completeConsult(Call c) {
        Member agent = c.agent;
        long hold = ami.wholeSeconds(c.joinedAt, c.answeredAt);
        long talk = ami.wholeSeconds(c.answeredAt, now);
        completeMemberCall(agent, triage, talk);
        ami.consultComplete(c.caller, c.agentLeg, agent, c.bridge, c.consult, c.clinicianLeg, hold, talk);
        c.truth.put("talkSeconds", now - c.answeredAt).put("pbxTalkTime", (int) talk)
                .put("transferredAt", instant(now).toString())
                .put("outcome", CallTruth.Outcome.TRANSFERRED.wireName());
        releaseMember(agent, c.plan.wrapUp());
        c.phase = Phase.CLINICIAN_TALK;
        scheduleClinicianEnd(c);
    }

    private void scheduleClinicianEnd(Call c) {
        double talkEnd = now + c.plan.clinicianTalk();
        boolean callerFirst = callerGoneBy(c) < talkEnd;
        boolean clinicianEnds = !callerFirst && c.plan.clinicianEnds();
        c.talkTimer = schedule(callerFirst ? callerGoneBy(c) : talkEnd, () -> endClinicianTalk(c, clinicianEnds));
    }

    private void endClinicianTalk(Call c, boolean clinicianEnds) {
        cancel(c.talkTimer);
        Member clin = c.clinician;
        long hold = ami.wholeSeconds(c.clinicianJoinedAt, c.clinicianAnsweredAt);
        long talk = ami.wholeSeconds(c.clinicianAnsweredAt, now);
        completeMemberCall(clin, clinicianQueue, talk);
        if (c.consult != null) {
            AsteriskAmi.Bridge callerBridge = c.bridge;
            if (clinicianEnds) {
                ami.attendedClinicianEnds(c.caller, c.consult, c.clinicianLeg, clin, c.clinicianBridge, callerBridge,
                        hold, talk);
            } else {
                ami.attendedCallerEnds(c.caller, c.consult, c.clinicianLeg, clin, c.clinicianBridge, callerBridge,
                        hold, talk);
            }
        } else if (clinicianEnds) {
            ami.memberEnds(c.caller, c.clinicianLeg, clin, c.clinicianBridge, hold, talk);
        } else {
            ami.callerEnds(c.caller, c.clinicianLeg, clin, c.clinicianBridge, hold, talk);
        }
        c.truth.put("clinicianTalkSeconds", now - c.clinicianAnsweredAt).put("clinicianPbxTalkTime", (int) talk)
                .put("endedBy", clinicianEnds ? "clinician" : "caller");
        releaseMember(clin, c.plan.wrapUp());
        finish(c);
    }

    private void startContingency(Call c, String reason) {
        c.phase = Phase.CONTINGENCY;
        c.contingencyLeg = ami.contingencyDial(c.caller);
        c.truth.put("contingencyReason", reason).put("contingencyAt", instant(now).toString());
        c.talkTimer = schedule(now + c.plan.contingencyAnswer(), () -> {
            c.contingencyBridge = ami.contingencyAnswer(c.caller, c.contingencyLeg);
            c.contingencyAnsweredAt = now;
            c.truth.put("contingencyAnsweredAt", instant(now).toString());
            double talkEnd = now + c.plan.contingencyTalk();
            boolean callerFirst = callerGoneBy(c) < talkEnd;
            c.talkTimer = schedule(callerFirst ? callerGoneBy(c) : talkEnd, () -> endContingency(c, callerFirst));
        });
    }

    private void endContingency(Call c, boolean callerEnds) {
        ami.contingencyEnd(c.caller, c.contingencyLeg, c.contingencyBridge);
        c.truth.put("contingencyTalkSeconds", now - c.contingencyAnsweredAt)
                .put("endedBy", callerEnds ? "caller" : "contingency-desk");
        finish(c);
    }

    /** The caller hangs up, whatever is happening (a scripted caller's limit, or AMI Hangup of its channel). */
    private void callerHangsUp(Call c) {
        switch (c.phase) {
            case QUEUED, CLINICIAN_QUEUE -> abandon(c.entry);
            case TALKING -> finishTalk(c, "caller");
            case CLINICIAN_TALK -> endClinicianTalk(c, false);
            case CONTINGENCY -> {
                if (c.contingencyBridge != null) {
                    cancel(c.talkTimer);
                    endContingency(c, true);
                }
            }
            default -> {
                // arriving or consulting: the model lets the caller stay (not modelled)
            }
        }
    }

    private void finish(Call c) {
        c.phase = Phase.ENDED;
        cancel(c.hangupTimer);
        cancel(c.talkTimer);
        c.truth.put("endedAt", instant(now).toString());
        Object outcome = c.truth.get("outcome");
        Object wait = c.truth.get("waitSeconds");
        boolean answered = CallTruth.Outcome.ANSWERED.wireName().equals(outcome)
                || CallTruth.Outcome.TRANSFERRED.wireName().equals(outcome);
        if (wait instanceof Double w) {
            c.truth.put("answeredWithin60s", answered && w <= 60.0);
            c.truth.put("abandonedAfter30s", CallTruth.Outcome.ABANDONED.wireName().equals(outcome) && w > 30.0);
        }
        live.remove(c.caller.linkedid);
        truth.add(c.truth.freeze());
    }

    // ------------------------------------------------------------------ staff

    private void applyRoster(boolean initial) {
        LocalDateTime local = config.localTime(now);
        staff(triage, config.roster.handlersAt(local), initial);
        staff(clinicianQueue, config.roster.cliniciansAt(local), initial);
        double next = config.secondsAt(config.roster.nextChange(local));
        if (next < end) {
            schedule(next, () -> applyRoster(false));
        }
    }

    private void staff(QueueState q, int target, boolean initial) {
        boolean clinicians = q == clinicianQueue;
        while (q.members.size() < target) {
            int n = q.members.size() + 1;
            q.members.add(new Member(q.name, n - 1, (clinicians ? "clin" : "agent") + n,
                    (clinicians ? "Clinician " : "Agent ") + Member.words(n),
                    Integer.toString((clinicians ? 2000 : 1000) + n),
                    new SplittableRandom(mix(config.seed, (clinicians ? 2_000_000_000L : 1_000_000_000L) + n))));
        }
        for (int i = 0; i < q.members.size(); i++) {
            Member m = q.members.get(i);
            if (i < target) {
                if (!m.loggedIn) {
                    login(m, initial);
                } else {
                    m.leaving = false;
                }
            } else if (m.loggedIn && !m.leaving) {
                m.leaving = true;
                if (m.inCall == null && m.ringingFor == null) {
                    if (m.reservedFor instanceof Entry e) {
                        e.state = EntryState.WAITING;
                        cancel(e.tickTimer);
                        e.member = null;
                        m.reservedFor = null;
                    }
                    logout(m);
                }
            }
        }
        if (!initial) {
            dispatch(q);
        }
    }

    private void login(Member m, boolean initial) {
        m.loggedIn = true;
        m.leaving = false;
        m.dynamic = config.roster.varies();
        m.loginTime = ami.epochSecond(initial ? 0 : now);
        if (!initial) {
            ami.memberAdded(m);
        }
        if (!config.breakEvery.isZero()) {
            double every = config.breakEvery.toNanos() / 1e9;
            double stagger = every * ((m.index * 0.6180339887) % 1.0);
            scheduleBreak(m, now + stagger + (initial ? 0 : every / 2));
        }
    }

    private void logout(Member m) {
        m.loggedIn = false;
        m.leaving = false;
        m.onBreak = false;
        ami.memberRemoved(m);
        availability(queueOf(m));
    }

    private void scheduleBreak(Member m, double at) {
        if (at >= end) {
            return;
        }
        schedule(at, () -> {
            if (!m.loggedIn) {
                return;
            }
            if (m.paused) { // paused by a supervisor: this break is skipped, the next one stays due
                scheduleBreak(m, now + config.breakEvery.toNanos() / 1e9);
                return;
            }
            m.onBreak = true;
            setPaused(m, true, config.breakReason);
            double length = config.breakLength.sample(m.random);
            schedule(now + length, () -> {
                if (m.onBreak && m.loggedIn) {
                    m.onBreak = false;
                    setPaused(m, false, "");
                    dispatch(queueOf(m));
                }
                scheduleBreak(m, now + config.breakEvery.toNanos() / 1e9);
            });
        });
    }

    private void setPaused(Member m, boolean paused, String reason) {
        m.paused = paused;
        m.pausedReason = paused ? reason : "";
        m.lastPause = paused ? ami.epochSecond(now) : m.lastPause;
        ami.memberPause(m);
        availability(queueOf(m));
    }

    // ------------------------------------------------------------------ what AMI actions do

    /** Setvar without a Channel: a global variable, with the VarSet event Asterisk raises. */
    public void setGlobal(String variable, String value) {
        globals.put(variable, value);
        ami.globalVarSet(variable, value);
    }

    public String global(String variable) {
        return globals.get(variable);
    }

    /** Whether calls go straight to the contingency desk now (global variable or AstDB). */
    public boolean contingencyEngaged() {
        return "1".equals(globals.get(config.contingencyVariable)) || "1".equals(astdb.get("switch/CONTINGENCY"));
    }

    /** DBPut: no event (as recorded). */
    public void dbPut(String family, String key, String value) {
        astdb.put(family + "/" + key, value);
    }

    /** DBDel: false when there was no such key. */
    public boolean dbDel(String family, String key) {
        return astdb.remove(family + "/" + key) != null;
    }

    public String dbGet(String family, String key) {
        return astdb.get(family + "/" + key);
    }

    /**
     * QueuePause: every membership of the interface (or only the one in {@code queue}); raises QueueMemberPause even
     * when nothing changes, as Asterisk does. False when no logged-in member has that interface.
     */
    public boolean pause(String iface, boolean paused, String reason, String queue) {
        boolean found = false;
        for (QueueState q : List.of(triage, clinicianQueue)) {
            if (queue != null && !queue.isBlank() && !queue.equals(q.name)) {
                continue;
            }
            for (Member m : q.members) {
                if (m.loggedIn && m.iface.equalsIgnoreCase(iface)) {
                    found = true;
                    m.onBreak = false;
                    setPaused(m, paused, reason == null ? "" : reason);
                    if (!paused) {
                        dispatch(q);
                    }
                }
            }
        }
        return found;
    }

    /**
     * A handler has started assessing this call (simulated handlers using the triage API): its talk goes on until
     * {@link #assessed}, however short the drawn talk time. At accelerated time an assessment's API calls and a
     * transfer command's trip through the platform take many virtual seconds; a real handler does not hang up
     * on a caller mid-assessment or before the transfer they asked for.
     */
    public void assessing(String linkedid) {
        Call c = live.get(linkedid);
        if (c != null) {
            c.assessing = true;
        }
    }

    /** The Linkedids of the calls in progress. */
    public List<String> liveLinkedids() {
        return List.copyOf(live.keySet());
    }

    /** The assessment is over: a talk that reached its drawn end meanwhile ends now. */
    public void assessed(String linkedid) {
        Call c = live.get(linkedid);
        if (c == null || !c.assessing) {
            return;
        }
        c.assessing = false;
        if (c.talkDue) {
            c.talkDue = false;
            endOfTalk(c, false);
        }
    }

    /**
     * BlindTransfer of a handler's channel to the clinician queue (what call-ingest's transfer command sends).
     * Returns null when done, else the error Asterisk would give.
     */
    public String blindTransfer(String handlerChannel) {
        for (Call c : live.values()) {
            if (c.phase == Phase.TALKING && c.consult == null && c.agentLeg != null
                    && c.agentLeg.name.equals(handlerChannel)) {
                blindTransfer(c);
                return null;
            }
        }
        return "No such channel";
    }

    /** Whether a logged-in member has this interface (in {@code queue}, or in any queue when it is blank). */
    public boolean isMember(String iface, String queue) {
        for (QueueState q : List.of(triage, clinicianQueue)) {
            if (queue != null && !queue.isBlank() && !queue.equals(q.name)) {
                continue;
            }
            for (Member m : q.members) {
                if (m.loggedIn && m.iface.equalsIgnoreCase(iface)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether this is the channel of a handler talking to a caller now (what BlindTransfer acts on). */
    public boolean isHandlerChannel(String channel) {
        for (Call c : live.values()) {
            if (c.phase == Phase.TALKING && c.consult == null && c.agentLeg != null
                    && c.agentLeg.name.equals(channel)) {
                return true;
            }
        }
        return false;
    }

    /** Whether AMI Hangup can act on this channel (a caller's, or a handler's during the talk). */
    public boolean isHangupTarget(String channel) {
        for (Call c : live.values()) {
            if (c.caller.name.equals(channel) || isHandlerChannel(channel)) {
                return true;
            }
        }
        return false;
    }

    /** AMI Hangup: a caller's channel (the caller hangs up) or a handler's channel during the talk. */
    public String hangup(String channel) {
        for (Call c : new ArrayList<>(live.values())) {
            if (c.caller.name.equals(channel)) {
                callerHangsUp(c);
                return null;
            }
            if (c.phase == Phase.TALKING && c.consult == null && c.agentLeg != null
                    && c.agentLeg.name.equals(channel)) {
                finishTalk(c, "agent");
                return null;
            }
        }
        return "No such channel";
    }

    // ------------------------------------------------------------------ snapshots for QueueStatus, CoreShowChannels

    /** The QueueStatus answer's events (QueueParams, QueueMember, QueueEntry per queue), without ActionID. */
    public List<AmiMessage> queueStatus(String onlyQueue) {
        List<AmiMessage> events = new ArrayList<>();
        for (QueueState q : List.of(triage, clinicianQueue)) {
            if (onlyQueue != null && !onlyQueue.isBlank() && !onlyQueue.equals(q.name)) {
                continue;
            }
            double perf = q.completed == 0 ? 0.0 : 100.0 * q.completedWithinServiceLevel / q.completed;
            events.add(AmiMessage.of("Event", "QueueParams", "Queue", q.name, "Max", "0",
                    "Strategy", q.roundRobin ? "rrmemory" : "ringall", "Calls", Integer.toString(q.entries.size()),
                    "Holdtime", Long.toString(q.completed == 0 ? 0 : q.holdTotal / q.completed),
                    "TalkTime", Long.toString(q.completed == 0 ? 0 : q.talkTotal / q.completed),
                    "Completed", Integer.toString(q.completed), "Abandoned", Integer.toString(q.abandoned),
                    "ServiceLevel", "20", "ServicelevelPerf", String.format(Locale.ROOT, "%.1f", perf),
                    "ServicelevelPerf2", String.format(Locale.ROOT, "%.1f", perf), "Weight", "0"));
            for (Member m : q.members) {
                if (!m.loggedIn) {
                    continue;
                }
                events.add(AmiMessage.of("Event", "QueueMember", "Queue", q.name, "Name", m.name,
                        "Location", m.iface, "StateInterface", m.iface,
                        "Membership", m.dynamic ? "dynamic" : "static", "Penalty", "0",
                        "CallsTaken", Integer.toString(m.callsTaken), "LastCall", Long.toString(m.lastCall),
                        "LastPause", Long.toString(m.lastPause), "LoginTime", Long.toString(m.loginTime),
                        "InCall", m.inCall != null ? "1" : "0", "Status", Integer.toString(m.status()),
                        "Paused", m.paused ? "1" : "0", "PausedReason", m.pausedReason, "Wrapuptime", "0"));
            }
            int position = 1;
            for (Entry e : q.entries) {
                events.add(AmiMessage.of("Event", "QueueEntry", "Queue", q.name,
                        "Position", Integer.toString(position++), "Channel", e.chan.name,
                        "Uniqueid", e.chan.uniqueid, "CallerIDNum", e.chan.callerNum,
                        "CallerIDName", e.chan.callerName, "ConnectedLineNum", e.chan.connectedNum,
                        "ConnectedLineName", e.chan.connectedName,
                        "Wait", Long.toString(ami.wholeSeconds(e.joinedAt, now)), "Priority", "0"));
            }
        }
        return events;
    }

    /** The CoreShowChannel events of every live channel, without ActionID (the handler adds it). */
    public List<AmiMessage> coreShowChannels() {
        List<AmiMessage> events = new ArrayList<>();
        for (Call c : live.values()) {
            String app = switch (c.phase) {
                case CONTINGENCY -> "Dial";
                case ARRIVING -> "Answer";
                default -> "Queue";
            };
            String data = switch (c.phase) {
                case CONTINGENCY -> "PJSIP/contingency,30";
                case ARRIVING -> "";
                case CLINICIAN_QUEUE, CLINICIAN_TALK -> "clinician,,,,60";
                default -> "triage,t,,," + (long) config.queueTimeout;
            };
            events.add(channel(c.caller, app, data, c.bridge != null ? c.bridge.id : ""));
            if (c.agentLeg != null && !c.agentLeg.hungUp) {
                events.add(channel(c.agentLeg, "AppQueue", "(Outgoing Line)", c.bridge != null ? c.bridge.id : ""));
            }
            if (c.clinicianLeg != null && !c.clinicianLeg.hungUp) {
                events.add(channel(c.clinicianLeg, "AppQueue", "(Outgoing Line)",
                        c.clinicianBridge != null ? c.clinicianBridge.id : ""));
            }
            if (c.contingencyLeg != null && !c.contingencyLeg.hungUp) {
                events.add(channel(c.contingencyLeg, "AppDial", "(Outgoing Line)",
                        c.contingencyBridge != null ? c.contingencyBridge.id : ""));
            }
        }
        return events;
    }

    private AmiMessage channel(Chan ch, String application, String data, String bridgeId) {
        long seconds = Math.max(0, ami.wholeSeconds(ch.createdAt, now));
        String duration = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60,
                seconds % 60);
        return AmiMessage.of("Event", "CoreShowChannel", "Channel", ch.name,
                "ChannelState", Integer.toString(ch.state), "ChannelStateDesc", Chan.stateDesc(ch.state),
                "CallerIDNum", ch.callerNum, "CallerIDName", ch.callerName, "ConnectedLineNum", ch.connectedNum,
                "ConnectedLineName", ch.connectedName, "Language", "en", "AccountCode", "", "Context", ch.context,
                "Exten", ch.exten, "Priority", Integer.toString(ch.priority), "Uniqueid", ch.uniqueid,
                "Linkedid", ch.linkedid, "BridgeId", bridgeId, "Application", application, "ApplicationData", data,
                "Duration", duration);
    }

    /** Members logged in to a queue now ("triage" or "clinician"). */
    public int loggedIn(String queue) {
        QueueState q = queue.equals(triage.name) ? triage : clinicianQueue;
        return (int) q.members.stream().filter(m -> m.loggedIn).count();
    }

    /** Callers waiting in a queue now. */
    public int waiting(String queue) {
        return (queue.equals(triage.name) ? triage : clinicianQueue).entries.size();
    }

    SimulationConfig config() {
        return config;
    }

    Duration elapsed() {
        return Duration.ofNanos((long) (now * 1e9));
    }
}
