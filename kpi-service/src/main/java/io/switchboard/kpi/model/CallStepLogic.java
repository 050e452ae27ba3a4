package io.switchboard.kpi.model;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns one lifecycle event into its KPI contributions, once per event id. Each step counts in its queue's group
 * and, once per call, in the whole service's group ("all"): a call answered in triage and again by a clinician is
 * one answered call for the service and one answered call in each queue.
 */
public final class CallStepLogic {

    private final Set<String> clinicianQueues;

    public CallStepLogic(Set<String> clinicianQueues) {
        this.clinicianQueues = Set.copyOf(clinicianQueues);
    }

    /** @return the contributions, or null when the event is a duplicate (already counted) */
    public List<KpiDelta> apply(CallState call, CallLifecycleEvent e) {
        if (!call.seenEventIds.add(e.eventId())) {
            return null;
        }
        long at = e.occurredAt().toEpochMilli();
        GroupKey service = GroupKey.service(e.provider(), e.region());
        GroupKey queue = e.queue() == null ? null : new GroupKey(e.provider(), e.region(), e.queue());
        List<KpiDelta> out = new ArrayList<>(4);
        switch (e.step()) {
            case OFFERED -> count(call, KpiDelta.Kind.OFFERED, null, service, at, e, out);
            case QUEUED -> {
                count(call, KpiDelta.Kind.OFFERED, queue, service, at, e, out);
                if (at > call.lastExitAt && call.endedAt == 0) {
                    stopWaiting(call, e, at, out);
                    call.waitingIn = e.queue();
                    call.waitingSince = at;
                    out.add(delta(queue, at, KpiDelta.Kind.WAIT_STARTED, e));
                    out.add(delta(service, at, KpiDelta.Kind.WAIT_STARTED, e));
                }
            }
            case ANSWERED -> {
                count(call, KpiDelta.Kind.ANSWERED, queue, service, at, e, out);
                leaveQueue(call, e, at, out);
            }
            case ABANDONED, TIMED_OUT -> {
                // The service's abandons and timeouts are those at its front door: a caller a handler answered and
                // then transferred is an answered call for the service, whatever happens in the clinician queue.
                boolean frontDoor = e.queue() == null || !clinicianQueues.contains(e.queue());
                count(call, KpiDelta.Kind.valueOf(e.step().name()), queue, frontDoor ? service : null, at, e, out);
                leaveQueue(call, e, at, out);
            }
            case CONTINGENCY_ROUTED -> count(call, KpiDelta.Kind.CONTINGENCY_ROUTED, queue, service, at, e, out);
            case TRANSFERRED -> {
                if (e.transferTarget() != null && clinicianQueues.contains(e.transferTarget())) {
                    count(call, KpiDelta.Kind.TRANSFERRED_TO_CLINICIAN, queue, service, at, e, out);
                }
            }
            case ENDED -> {
                call.endedAt = at;
                leaveQueue(call, e, at, out);
            }
        }
        return out;
    }

    /** Counts in the queue's group every time, and in the whole service's group once per call. */
    private static void count(CallState call, KpiDelta.Kind kind, GroupKey queue, GroupKey service, long at,
            CallLifecycleEvent e, List<KpiDelta> out) {
        if (queue != null) {
            out.add(delta(queue, at, kind, e));
        }
        if (service != null && call.countedForService.add(kind)) {
            out.add(delta(service, at, kind, e));
        }
    }

    private static void leaveQueue(CallState call, CallLifecycleEvent e, long at, List<KpiDelta> out) {
        call.lastExitAt = Math.max(call.lastExitAt, at);
        stopWaiting(call, e, at, out);
    }

    private static void stopWaiting(CallState call, CallLifecycleEvent e, long at, List<KpiDelta> out) {
        if (call.waitingIn == null) {
            return;
        }
        out.add(new KpiDelta(new GroupKey(e.provider(), e.region(), call.waitingIn), at, KpiDelta.Kind.WAIT_ENDED, 0,
                e.callId(), 0));
        out.add(new KpiDelta(GroupKey.service(e.provider(), e.region()), at, KpiDelta.Kind.WAIT_ENDED, 0, e.callId(), 0));
        call.waitingIn = null;
    }

    private static KpiDelta delta(GroupKey group, long at, KpiDelta.Kind kind, CallLifecycleEvent e) {
        return new KpiDelta(group, at, kind, e.waitSeconds() == null ? 0 : e.waitSeconds(), e.callId(),
                e.queuePosition() == null ? 0 : e.queuePosition());
    }
}
