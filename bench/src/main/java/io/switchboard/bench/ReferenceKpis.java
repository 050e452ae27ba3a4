package io.switchboard.bench;

import io.switchboard.events.CallLifecycleEvent;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The KPI definitions computed the plain way, written separately from the topology to check it: one pass over the
 * events, a set of event ids seen, a few flags per call, counters per group and day. Everything in memory.
 */
public final class ReferenceKpis {

    static final ZoneId UK = ZoneId.of("Europe/London");

    /** Counters of one group ("provider/region/queue") on one day. */
    public static final class Counts {
        public long offered;
        public long answered;
        public long answeredWithin60s;
        public long waitSum;
        public long abandonedUpTo30s;
        public long abandoned30To60s;
        public long abandonedOver60s;
        public long timedOut;
        public long contingencyRouted;
        public long transferredToClinician;

        @Override
        public boolean equals(Object o) {
            return o instanceof Counts c && offered == c.offered && answered == c.answered
                    && answeredWithin60s == c.answeredWithin60s && waitSum == c.waitSum
                    && abandonedUpTo30s == c.abandonedUpTo30s && abandoned30To60s == c.abandoned30To60s
                    && abandonedOver60s == c.abandonedOver60s && timedOut == c.timedOut
                    && contingencyRouted == c.contingencyRouted && transferredToClinician == c.transferredToClinician;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(offered * 31 + answered);
        }

        @Override
        public String toString() {
            return "offered=" + offered + " answered=" + answered + " within60=" + answeredWithin60s + " waitSum="
                    + waitSum + " abandoned=" + abandonedUpTo30s + "/" + abandoned30To60s + "/" + abandonedOver60s
                    + " timedOut=" + timedOut + " contingency=" + contingencyRouted + " transferred="
                    + transferredToClinician;
        }
    }

    private final Set<String> seen = new HashSet<>();
    private final Map<String, Set<String>> callFlags = new HashMap<>();
    private final Map<String, Counts> byGroupAndDay = new HashMap<>();

    public void accept(CallLifecycleEvent e) {
        if (!seen.add(e.eventId())) {
            return;
        }
        Set<String> flags = callFlags.computeIfAbsent(e.callId(), k -> new HashSet<>());
        LocalDate day = e.occurredAt().atZone(UK).toLocalDate();
        String service = e.provider() + "/" + e.region() + "/all";
        String queue = e.queue() == null ? null : e.provider() + "/" + e.region() + "/" + e.queue();
        long wait = e.waitSeconds() == null ? 0 : (long) (double) e.waitSeconds();
        switch (e.step()) {
            case OFFERED -> once(flags, "offered", () -> at(service, day).offered++);
            case QUEUED -> {
                once(flags, "offered", () -> at(service, day).offered++);
                at(queue, day).offered++;
            }
            case ANSWERED -> {
                answer(at(queue, day), wait);
                once(flags, "answered", () -> answer(at(service, day), wait));
            }
            case ABANDONED -> {
                abandon(at(queue, day), wait);
                once(flags, "abandoned", () -> abandon(at(service, day), wait));
            }
            case TIMED_OUT -> {
                at(queue, day).timedOut++;
                once(flags, "timedOut", () -> at(service, day).timedOut++);
            }
            case CONTINGENCY_ROUTED -> {
                if (queue != null) {
                    at(queue, day).contingencyRouted++;
                }
                once(flags, "contingency", () -> at(service, day).contingencyRouted++);
            }
            case TRANSFERRED -> {
                if ("clinician".equals(e.transferTarget())) {
                    at(queue, day).transferredToClinician++;
                    once(flags, "transferred", () -> at(service, day).transferredToClinician++);
                }
            }
            case ENDED -> {
                // no counter
            }
        }
    }

    public Map<String, Counts> results() {
        return byGroupAndDay;
    }

    private static void answer(Counts c, long wait) {
        c.answered++;
        c.waitSum += wait;
        if (wait <= 60) {
            c.answeredWithin60s++;
        }
    }

    private static void abandon(Counts c, long wait) {
        if (wait <= 30) {
            c.abandonedUpTo30s++;
        } else if (wait <= 60) {
            c.abandoned30To60s++;
        } else {
            c.abandonedOver60s++;
        }
    }

    private static void once(Set<String> flags, String flag, Runnable action) {
        if (flags.add(flag)) {
            action.run();
        }
    }

    private Counts at(String group, LocalDate day) {
        return byGroupAndDay.computeIfAbsent(group + "|" + day, k -> new Counts());
    }
}
