package io.switchboard.kpi.streams;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.KpiSnapshotEvent;
import io.switchboard.events.KpiWindow;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.events.Topics;
import io.switchboard.kpi.model.AbandonedCall;
import io.switchboard.kpi.model.DeltaBatch;
import io.switchboard.kpi.model.GroupKey;
import io.switchboard.kpi.model.Intervals;
import io.switchboard.kpi.model.KpiBuckets;
import io.switchboard.kpi.model.KpiCounts;
import io.switchboard.kpi.model.KpiDelta;
import io.switchboard.kpi.model.WaitingCalls;
import io.switchboard.kpi.policy.ContingencyPolicy;
import io.switchboard.kpi.policy.Decision;
import io.switchboard.kpi.policy.OperatorPin;
import io.switchboard.kpi.policy.RegionFigures;
import io.switchboard.kpi.policy.RegionRouting;
import io.switchboard.kpi.policy.Thresholds;
import io.switchboard.tracing.KafkaTracing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage two, per region (the contributions are repartitioned by region): one-minute buckets of counters per group,
 * the live waiting gauges, the list of abandoned calls, and the failover policy. Fixed 15-minute, hourly and daily
 * intervals and the rolling 15 minutes are sums of minute buckets, so every window agrees with every other.
 *
 * <p>Tracing: each batch of contributions is processed in a child span of stage one's span (its traceparent came
 * through the repartition topic), in the call's trace. A contingency command concerns a region, not a call: it is
 * published in a trace of its own, whose span links to the span of the call whose arrival crossed the threshold (none
 * when the timer decided), and its record carries that trace as traceparent.
 */
final class KpiAggregator implements Processor<String, DeltaBatch, String, Outbound> {

    private static final String SOURCE = "/switchboard/kpi-service";
    private static final KpiWindow[] FIXED = {KpiWindow.FIXED_15M, KpiWindow.HOURLY, KpiWindow.DAILY};

    private final TopologySettings settings;
    private final Function<String, Thresholds> thresholds;
    private final PipelineCounters counters;
    private final Tracer tracer;
    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, KpiCounts> minutes;
    private KeyValueStore<String, WaitingCalls> waiting;
    private KeyValueStore<String, AbandonedCall> abandoned;
    private KeyValueStore<String, RegionRouting> routing;
    private KeyValueStore<String, OperatorPin> overrides;
    private final Set<GroupKey> groups = new LinkedHashSet<>();
    private final Map<KpiWindow, Long> closedUpTo = new EnumMap<>(KpiWindow.class);
    private long wallAtLastRecord = -1;
    private final io.switchboard.kpi.model.SourceClocks sourceClocks = new io.switchboard.kpi.model.SourceClocks();
    /** Callers waiting now per region (all providers), kept in step with the waiting store. */
    private final Map<String, Integer> waitingByRegion = new java.util.HashMap<>();
    /** Each region's rolling 15-minute counters as of the last evaluation round. */
    private final Map<String, KpiCounts> rollingByRegion = new java.util.HashMap<>();

    KpiAggregator(TopologySettings settings, PipelineCounters counters, Tracer tracer) {
        this.settings = settings;
        this.thresholds = settings.thresholds();
        this.counters = counters;
        this.tracer = tracer;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        minutes = context.getStateStore(StoreNames.MINUTES);
        waiting = context.getStateStore(StoreNames.WAITING);
        abandoned = context.getStateStore(StoreNames.ABANDONED);
        routing = context.getStateStore(StoreNames.ROUTING);
        overrides = context.getStateStore(StoreNames.OVERRIDES);
        rememberGroups();
        context.schedule(settings.evaluationInterval(), PunctuationType.WALL_CLOCK_TIME, t -> evaluateAll());
        context.schedule(settings.snapshotInterval(), PunctuationType.WALL_CLOCK_TIME, t -> publishSnapshots());
        context.schedule(java.time.Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, t -> forgetOldHistory());
    }

    @Override
    public void process(Record<String, DeltaBatch> record) {
        Span span = KafkaTracing.span(tracer, SpanKind.CONSUMER, InternalTopics.DELTAS, "process",
                KafkaTracing.extractOrCall(record.headers(), record.value().callId()))
                .setAttribute(KafkaTracing.CALL_ID, record.value().callId()).startSpan();
        int source = SourceHeaders.partition(record.headers());
        long sourceTime = SourceHeaders.streamTime(record.headers());
        KafkaTracing.within(span, () -> aggregate(record.value(), span.getSpanContext(), source, sourceTime));
    }

    private void aggregate(DeltaBatch batch, SpanContext trigger, int source, long sourceTime) {
        wallAtLastRecord = context.currentSystemTimeMs();
        if (source >= 0) {
            sourceClocks.heard(source, sourceTime, wallAtLastRecord);
        }
        boolean joined = false;
        for (KpiDelta delta : batch.deltas()) {
            joined |= apply(delta);
            trackSource(delta, source);
        }
        String region = batch.region();
        if (joined && waitingByRegion.getOrDefault(region, 0) >= thresholds.apply(region).engageWaiting()) {
            // A caller joining crossed the waiting threshold: decide now, with the rolling answer figures as of the
            // last evaluation round (summing 15 minute buckets per arrival would cost more than the rest).
            evaluate(region, now(), false, trigger);
        }
    }

    private void trackSource(KpiDelta delta, int source) {
        if (!delta.group().isService()) {
            return;
        }
        if (delta.kind() == KpiDelta.Kind.WAIT_STARTED && source >= 0) {
            sourceClocks.waitStarted(delta.callId(), source);
        } else if (delta.kind() == KpiDelta.Kind.WAIT_ENDED) {
            sourceClocks.waitEnded(delta.callId());
        }
    }

    /** @return true when a caller started waiting in the whole service's group */
    private boolean apply(KpiDelta delta) {
        GroupKey group = delta.group();
        groups.add(group);
        if (delta.isCounter()) {
            String key = minuteKey(group, Intervals.minuteStart(delta.atMillis()));
            KpiCounts counts = minutes.get(key);
            if (counts == null) {
                counts = new KpiCounts();
            }
            counts.apply(delta);
            minutes.put(key, counts);
            if (delta.kind() == KpiDelta.Kind.ABANDONED && group.isService()) {
                abandoned.put(abandonedKey(group.region(), delta.atMillis(), delta.callId()), new AbandonedCall(
                        delta.callId(), group.provider(), group.region(), null, delta.atMillis(), delta.waitSeconds(),
                        delta.position()));
            }
            return false;
        }
        WaitingCalls calls = waiting.get(group.encode());
        if (calls == null) {
            calls = new WaitingCalls();
        }
        int before = calls.count();
        if (delta.kind() == KpiDelta.Kind.WAIT_STARTED) {
            calls.since.put(delta.callId(), delta.atMillis());
        } else {
            calls.since.remove(delta.callId());
        }
        waiting.put(group.encode(), calls);
        if (group.isService()) {
            waitingByRegion.merge(group.region(), calls.count() - before, Integer::sum);
        }
        return delta.kind() == KpiDelta.Kind.WAIT_STARTED && group.isService();
    }

    /** The policy's clock: stream (event) time, carried forward by the wall clock while no event arrives. */
    long now() {
        long streamTime = context.currentStreamTimeMs();
        long wall = context.currentSystemTimeMs();
        if (wallAtLastRecord < 0 || streamTime < 0) {
            return wall;
        }
        return streamTime + Math.max(0, wall - wallAtLastRecord);
    }

    private void evaluateAll() {
        long now = now();
        for (String region : regions()) {
            evaluate(region, now, true, SpanContext.getInvalid());
        }
    }

    /** @param trigger the span of the call whose arrival made this evaluation happen, or an invalid one (the timer) */
    private void evaluate(String region, long now, boolean refreshRolling, SpanContext trigger) {
        RegionRouting state = routing.get(region);
        if (state == null) {
            state = new RegionRouting();
        }
        OperatorPin pin = overrides.get(region);
        boolean changed = applyPin(state, pin, now);
        Optional<Decision> decision = ContingencyPolicy.evaluate(state, figures(region, now, refreshRolling),
                thresholds.apply(region), now);
        if (decision.isPresent()) {
            Decision d = decision.get();
            state.record(d, now);
            state.lastCommandId = UUID.nameUUIDFromBytes(("kpi-policy|" + region + "|" + state.decisions)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            publishCommand(region, d, state.lastCommandId, now, trigger);
            counters.decision(region, d.engage());
            changed = true;
        }
        if (changed) {
            routing.put(region, state);
        }
    }

    /** An operator's pin holds the state and suspends the policy; clearing it hands the region back. */
    private static boolean applyPin(RegionRouting state, OperatorPin pin, long now) {
        if (pin == null) {
            if (!state.pinned) {
                return false;
            }
            state.pinned = false;
            state.pinnedBy = null;
            state.sinceMillis = now; // the hold-down runs again from the hand-back
            return true;
        }
        if (state.pinned && state.engaged == pin.engage() && pin.by().equals(state.pinnedBy)) {
            return false;
        }
        state.pinned = true;
        state.pinnedBy = pin.by();
        if (state.engaged != pin.engage()) {
            state.engaged = pin.engage();
            state.sinceMillis = now;
            state.holdDownMillis = 0; // an engagement the operator chose: the base hold-down once handed back
            state.lastCommandId = pin.commandId();
            state.lastReason = "pinned by " + pin.by() + ": " + pin.reason();
        }
        return true;
    }

    RegionFigures figures(String region, long now, boolean refreshRolling) {
        long waitingNow = 0;
        double longest = 0;
        KpiCounts rolling = refreshRolling ? new KpiCounts() : rollingByRegion.getOrDefault(region, new KpiCounts());
        for (GroupKey group : groups) {
            if (!group.isService() || !group.region().equals(region)) {
                continue;
            }
            WaitingCalls calls = waiting.get(group.encode());
            if (calls != null) {
                waitingNow += calls.count();
                Double wait = sourceClocks.longestWaitSeconds(calls, now, context.currentSystemTimeMs());
                if (wait != null) {
                    longest = Math.max(longest, wait);
                }
            }
            if (refreshRolling) {
                rolling.add(sum(group, Intervals.start(KpiWindow.ROLLING_15M, now), now));
            }
        }
        if (refreshRolling) {
            rollingByRegion.put(region, rolling);
        }
        return new RegionFigures(waitingNow, longest, rolling.answered, rolling.answeredWithin60s, rolling.offered,
                rolling.abandonedAfter30s());
    }

    KpiCounts sum(GroupKey group, long fromMillis, long toMillis) {
        return KpiBuckets.sum(minutes, group, fromMillis, toMillis);
    }

    private void publishCommand(String region, Decision d, String commandId, long now, SpanContext trigger) {
        RoutingCommand command = new RoutingCommand(commandId,
                d.engage() ? RoutingCommandKind.ENGAGE_CONTINGENCY : RoutingCommandKind.RELEASE_CONTINGENCY,
                region, null, null, null, d.reason(), d.figures(), "policy", Instant.ofEpochMilli(now), false);
        SpanBuilder builder = KafkaTracing.event(KafkaTracing.span(tracer, SpanKind.PRODUCER, Topics.ROUTING_COMMANDS,
                "publish", Context.root()), commandId, command.cloudEventType())
                .setAttribute(KafkaTracing.MESSAGE_KEY, region);
        if (trigger.isValid()) {
            builder.addLink(trigger);
        }
        Span span = builder.startSpan();
        KafkaTracing.within(span, () -> send(Topics.ROUTING_COMMANDS, region, EventJson.toBytes(command), commandId,
                command.cloudEventType(), command.issuedAt(), now, Context.root().with(span)));
    }

    private void publishSnapshots() {
        long now = now();
        long computed = context.currentSystemTimeMs();
        long closable = now - settings.grace().toMillis();
        for (GroupKey group : List.copyOf(groups)) {
            WaitingCalls calls = waiting.get(group.encode());
            long waitingNow = calls == null ? 0 : calls.count();
            Double longest = calls == null ? null : sourceClocks.longestWaitSeconds(calls, now, context.currentSystemTimeMs());
            long rollingStart = Intervals.start(KpiWindow.ROLLING_15M, now);
            KpiCounts rolling = sum(group, rollingStart, now);
            if (!rolling.isEmpty() || waitingNow > 0) {
                snapshot(group, KpiWindow.ROLLING_15M, rollingStart, rolling, waitingNow, longest, computed);
            }
            for (KpiWindow window : FIXED) {
                long start = Intervals.start(window, now);
                KpiCounts current = sum(group, start, now);
                if (!current.isEmpty()) {
                    snapshot(group, window, start, current, waitingNow, longest, computed);
                }
            }
        }
        for (KpiWindow window : FIXED) {
            publishClosed(window, closable, computed);
        }
    }

    /** Once an interval's grace has passed, its final figures go out once more (they will not change again). */
    private void publishClosed(KpiWindow window, long closable, long computed) {
        long closedEnd = Intervals.start(window, closable);
        Long previous = closedUpTo.get(window);
        closedUpTo.put(window, closedEnd);
        if (previous == null || closedEnd <= previous) {
            return;
        }
        long start = Intervals.start(window, closedEnd - 1);
        for (GroupKey group : List.copyOf(groups)) {
            KpiCounts closed = sum(group, start, closedEnd - 1);
            if (!closed.isEmpty()) {
                snapshot(group, window, start, closed, 0, null, computed);
            }
        }
    }

    private void snapshot(GroupKey group, KpiWindow window, long start, KpiCounts counts, long waitingNow,
            Double longest, long computed) {
        KpiSnapshotEvent event = new KpiSnapshotEvent(null, group.provider(), group.region(), group.queue(), window,
                Instant.ofEpochMilli(start), Instant.ofEpochMilli(Intervals.end(window, start)),
                Instant.ofEpochMilli(computed), counts.figures(waitingNow, longest));
        String key = event.key();
        String eventId = UUID.nameUUIDFromBytes((key + "|" + computed).getBytes(StandardCharsets.UTF_8)).toString();
        KpiSnapshotEvent withId = new KpiSnapshotEvent(eventId, event.provider(), event.region(), event.queue(),
                event.window(), event.windowStart(), event.windowEnd(), event.computedAt(), event.figures());
        send(Topics.KPI_SNAPSHOTS, key, EventJson.toBytes(withId), eventId, withId.cloudEventType(),
                withId.computedAt(), computed, Context.root());
    }

    /** @param trace written as the record's traceparent when it holds a span (snapshots carry none) */
    private void send(String topic, String key, byte[] value, String id, String type, Instant time, long timestamp,
            Context trace) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, new CloudEventHeaders.Envelope(id, SOURCE, type, time, key,
                CloudEventHeaders.dataSchemaOf(topic)));
        KafkaTracing.inject(trace, headers);
        context.forward(new Record<>(key, new Outbound(topic, value), timestamp, headers));
    }

    private void forgetOldHistory() {
        long cutoff = now() - settings.retention().toMillis();
        for (GroupKey group : groups) {
            deleteRange(minutes, minuteKey(group, 0), minuteKey(group, Intervals.minuteStart(cutoff)));
        }
        for (String region : regions()) {
            deleteRange(abandoned, abandonedKey(region, 0, ""), abandonedKey(region, cutoff, ""));
        }
    }

    private static <V> void deleteRange(KeyValueStore<String, V> store, String from, String to) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.range(from, to)) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
    }

    private Set<String> regions() {
        Set<String> regions = new LinkedHashSet<>();
        groups.forEach(g -> regions.add(g.region()));
        try (KeyValueIterator<String, OperatorPin> pins = overrides.all()) {
            pins.forEachRemaining(kv -> regions.add(kv.key));
        }
        try (KeyValueIterator<String, RegionRouting> states = routing.all()) {
            states.forEachRemaining(kv -> regions.add(kv.key));
        }
        return regions;
    }

    /** After a restart the groups are rebuilt from what the stores hold. */
    private void rememberGroups() {
        try (KeyValueIterator<String, WaitingCalls> it = waiting.all()) {
            it.forEachRemaining(kv -> {
                GroupKey group = GroupKey.decode(kv.key);
                groups.add(group);
                if (group.isService()) {
                    waitingByRegion.merge(group.region(), kv.value.count(), Integer::sum);
                }
            });
        }
        try (KeyValueIterator<String, KpiCounts> it = minutes.all()) {
            it.forEachRemaining(kv -> groups.add(GroupKey.decode(kv.key.substring(0, kv.key.lastIndexOf('|')))));
        }
    }

    static String minuteKey(GroupKey group, long minuteStart) {
        return KpiBuckets.minuteKey(group, minuteStart);
    }

    static String abandonedKey(String region, long at, String callId) {
        return region + String.format("|%013d|", Math.max(0, at)) + callId;
    }
}
