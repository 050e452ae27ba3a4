package io.switchboard.bench;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A synthetic NHS 111 record week (the week to 11 December 2022 had 706,129 calls), deterministic from a seed:
 * arrivals follow an hour-of-week profile (evening and weekend peaks), across seven regions; each call is answered
 * (a fifth of those warm-transferred to a clinician), abandoned or timed out to contingency. One event in a
 * hundred is delivered twice and one in a hundred swapped with its neighbour, as a real pipeline would.
 * Events come out in (nearly) event-time order without holding the week in memory.
 */
public final class SyntheticWeek {

    static final Instant START = Instant.parse("2026-11-16T00:00:00Z"); // a Monday
    static final String[] REGIONS = {"north-west", "north-east", "yorkshire", "midlands", "east", "london", "south"};

    private final long calls;
    private final Random random;

    public SyntheticWeek(long calls, long seed) {
        this.calls = calls;
        this.random = new Random(seed);
    }

    /** Calls {@code sink} with every event of the week, in order of delivery. */
    public void generate(Consumer<CallLifecycleEvent> sink) {
        double[] weights = hourOfWeekWeights();
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        PriorityQueue<CallLifecycleEvent> pending = new PriorityQueue<>(
                (a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        CallLifecycleEvent held = null; // for the occasional out-of-order delivery
        long made = 0;
        for (int hour = 0; hour < weights.length; hour++) {
            long inHour = Math.round(calls * weights[hour] / total);
            if (hour == weights.length - 1) {
                inHour = calls - made;
            }
            Instant hourStart = START.plus(Duration.ofHours(hour));
            for (long i = 0; i < inHour; i++) {
                Instant arrival = hourStart.plusMillis((long) (3_600_000.0 * (i + random.nextDouble()) / inHour));
                while (!pending.isEmpty() && !pending.peek().occurredAt().isAfter(arrival)) {
                    held = deliver(pending.poll(), held, sink);
                }
                pending.addAll(call(made++, arrival));
            }
        }
        while (!pending.isEmpty()) {
            held = deliver(pending.poll(), held, sink);
        }
        if (held != null) {
            sink.accept(held);
        }
    }

    private CallLifecycleEvent deliver(CallLifecycleEvent next, CallLifecycleEvent held, Consumer<CallLifecycleEvent> sink) {
        if (held != null) {
            sink.accept(next);
            sink.accept(held);
            return null;
        }
        double r = random.nextDouble();
        if (r < 0.01) {
            sink.accept(next);
            sink.accept(next); // delivered twice
            return null;
        }
        if (r < 0.02) {
            return next; // delivered after the following event
        }
        sink.accept(next);
        return null;
    }

    private List<CallLifecycleEvent> call(long n, Instant offered) {
        String region = REGIONS[(int) (n % REGIONS.length)];
        String provider = "provider-" + (n % 11 % 2 == 0 ? "a" : "b");
        String callId = "pbx-bench:" + n;
        Builder b = new Builder(callId, provider, region);
        List<CallLifecycleEvent> events = new ArrayList<>(8);
        events.add(b.event(CallStep.OFFERED, offered, null, null, null, null, null));
        Instant queued = offered.plusMillis(500);
        events.add(b.event(CallStep.QUEUED, queued, "triage", null, null, null, null));
        double outcome = random.nextDouble();
        if (outcome < 0.86) {
            double wait = Math.min(600, -25 * Math.log(1 - random.nextDouble()));
            Instant answered = queued.plusMillis((long) (wait * 1000));
            events.add(b.event(CallStep.ANSWERED, answered, "triage", (double) (long) wait, null, null, null));
            Instant end = answered.plusSeconds(180 + random.nextInt(600));
            if (random.nextDouble() < 0.2) {
                Instant transfer = answered.plusSeconds(120 + random.nextInt(240));
                events.add(b.event(CallStep.TRANSFERRED, transfer, "triage", null, 120.0, "clinician", null));
                events.add(b.event(CallStep.QUEUED, transfer, "clinician", null, null, null, null));
                double clinicianWait = Math.min(900, -40 * Math.log(1 - random.nextDouble()));
                Instant clinician = transfer.plusMillis((long) (clinicianWait * 1000));
                events.add(b.event(CallStep.ANSWERED, clinician, "clinician", (double) (long) clinicianWait, null,
                        null, null));
                end = clinician.plusSeconds(300 + random.nextInt(600));
            }
            events.add(b.event(CallStep.ENDED, end, null, null, 300.0, null, "caller-hangup"));
        } else if (outcome < 0.95) {
            double wait = 2 + random.nextDouble() * 178;
            Instant gone = queued.plusMillis((long) (wait * 1000));
            events.add(b.event(CallStep.ABANDONED, gone, "triage", (double) (long) wait, null, null, null));
            events.add(b.event(CallStep.ENDED, gone, null, null, null, null, "abandoned"));
        } else {
            Instant timeout = queued.plusSeconds(300);
            events.add(b.event(CallStep.TIMED_OUT, timeout, "triage", 300.0, null, null, "queue-timeout"));
            events.add(b.event(CallStep.CONTINGENCY_ROUTED, timeout, "triage", null, null, null, "queue-timeout"));
            events.add(b.event(CallStep.ENDED, timeout.plusSeconds(240), null, null, null, null, "contingency-complete"));
        }
        return events;
    }

    /** Relative call volume for each of the 168 hours of the week (Monday 00:00 first). */
    static double[] hourOfWeekWeights() {
        double[] day = {2, 1.5, 1.2, 1, 1, 1.2, 2, 3, 4.5, 5, 4.8, 4.5, 4.2, 4, 4, 4.2, 4.5, 5, 5.5, 5.5, 5, 4.5, 3.5, 2.5};
        double[] week = new double[168];
        for (int d = 0; d < 7; d++) {
            double factor = d >= 5 ? 1.6 : 1.0; // Saturday and Sunday
            for (int h = 0; h < 24; h++) {
                week[d * 24 + h] = day[h] * factor;
            }
        }
        return week;
    }

    private static final class Builder {
        private final String callId;
        private final String provider;
        private final String region;
        private int sequence;

        Builder(String callId, String provider, String region) {
            this.callId = callId;
            this.provider = provider;
            this.region = region;
        }

        CallLifecycleEvent event(CallStep step, Instant at, String queue, Double wait, Double talk, String target,
                String reason) {
            sequence++;
            return new CallLifecycleEvent(UUID.nameUUIDFromBytes((callId + "|" + sequence).getBytes()).toString(),
                    callId, step, sequence, at, "pbx-bench", provider, region, queue,
                    step == CallStep.ANSWERED ? "agent:0123456789abcdef0123456789abcdef" : null,
                    "caller:0123456789abcdef0123456789abcdef", wait, talk,
                    step == CallStep.QUEUED ? 1 : null, target, reason);
        }
    }

    static ZonedDateTime utc(Instant at) {
        return at.atZone(ZoneOffset.UTC);
    }
}
