package io.switchboard.kpi.query;

import io.switchboard.events.KpiSnapshotEvent;
import io.switchboard.events.KpiWindow;
import io.switchboard.kpi.model.AbandonedCall;
import io.switchboard.kpi.model.GroupKey;
import io.switchboard.kpi.model.Intervals;
import io.switchboard.kpi.model.KpiBuckets;
import io.switchboard.kpi.model.KpiCounts;
import io.switchboard.kpi.model.WaitingCalls;
import io.switchboard.kpi.policy.OperatorPin;
import io.switchboard.kpi.policy.RegionRouting;
import io.switchboard.kpi.streams.StoreNames;
import io.switchboard.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the topology's state stores (interactive queries). While Kafka Streams is starting or rebuilding its state
 * the stores cannot be read: every method then fails at once with a 503 problem and a Retry-After, never a wait.
 */
@ApplicationScoped
public class KpiQueries {

    private final KafkaStreams streams;

    KpiQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    public record GroupFigures(GroupKey group, KpiWindow window, Instant start, Instant end,
            KpiSnapshotEvent.Figures figures) {
    }

    public record RegionState(String region, boolean engaged, Instant since, boolean pinned, String pinnedBy,
            String lastReason, String lastCommandId, long decisions) {
    }

    /** Every group the stores know, optionally filtered. */
    public List<GroupKey> groups(Predicate<GroupKey> filter) {
        Set<GroupKey> groups = new LinkedHashSet<>();
        try (KeyValueIterator<String, WaitingCalls> it = waiting().all()) {
            it.forEachRemaining(kv -> groups.add(GroupKey.decode(kv.key)));
        }
        // Minute keys are "group|minute": walk group by group, jumping past each group's minutes.
        ReadOnlyKeyValueStore<String, KpiCounts> minutes = minutes();
        String from = "";
        while (true) {
            String next;
            try (KeyValueIterator<String, KpiCounts> it = minutes.range(from, null)) {
                if (!it.hasNext()) {
                    break;
                }
                next = it.next().key;
            }
            String group = next.substring(0, next.lastIndexOf('|'));
            groups.add(GroupKey.decode(group));
            from = group + "|~";
        }
        return groups.stream().filter(filter).sorted(java.util.Comparator.comparing(GroupKey::toString)).toList();
    }

    public GroupFigures figures(GroupKey group, KpiWindow window, long atMillis, long nowMillis) {
        long start = Intervals.start(window, atMillis);
        long end = Intervals.end(window, start);
        KpiCounts counts = KpiBuckets.sum(minutes(), group, start, Math.min(end - 1, Math.max(atMillis, start)));
        boolean live = nowMillis >= start && nowMillis < end;
        WaitingCalls calls = live ? waiting().get(group.encode()) : null;
        return new GroupFigures(group, window, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                counts.figures(calls == null ? 0 : calls.count(),
                        calls == null ? null : calls.longestWaitSeconds(nowMillis)));
    }

    /** Fixed intervals of one kind from fromMillis up to toMillis, oldest first, skipping empty ones. */
    public List<GroupFigures> history(GroupKey group, KpiWindow window, long fromMillis, long toMillis) {
        List<GroupFigures> out = new ArrayList<>();
        for (long start = Intervals.start(window, fromMillis); start < toMillis; start = Intervals.end(window, start)) {
            long end = Intervals.end(window, start);
            KpiCounts counts = KpiBuckets.sum(minutes(), group, start, end - 1);
            if (!counts.isEmpty()) {
                out.add(new GroupFigures(group, window, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                        counts.figures(0, null)));
            }
        }
        return out;
    }

    public KpiCounts counts(GroupKey group, long fromMillis, long toMillis) {
        return KpiBuckets.sum(minutes(), group, fromMillis, toMillis - 1);
    }

    public List<AbandonedCall> abandoned(String region, long fromMillis, long toMillis) {
        List<AbandonedCall> calls = new ArrayList<>();
        ReadOnlyKeyValueStore<String, AbandonedCall> store = store(StoreNames.ABANDONED);
        try (KeyValueIterator<String, AbandonedCall> it = store.range(
                region + String.format("|%013d|", Math.max(0, fromMillis)),
                region + String.format("|%013d|", Math.max(0, toMillis)))) {
            it.forEachRemaining(kv -> calls.add(kv.value));
        }
        return calls;
    }

    public Map<String, RegionState> routing() {
        Map<String, RegionState> states = new LinkedHashMap<>();
        ReadOnlyKeyValueStore<String, RegionRouting> store = store(StoreNames.ROUTING);
        try (KeyValueIterator<String, RegionRouting> it = store.all()) {
            it.forEachRemaining(kv -> states.put(kv.key, state(kv.key, kv.value)));
        }
        ReadOnlyKeyValueStore<String, OperatorPin> pins = store(StoreNames.OVERRIDES);
        try (KeyValueIterator<String, OperatorPin> it = pins.all()) {
            it.forEachRemaining(kv -> {
                RegionState known = states.get(kv.key);
                // A pin the policy has not applied yet (no call since): show it as the operator set it.
                if (known == null || !known.pinned()) {
                    states.put(kv.key, new RegionState(kv.key, kv.value.engage(), kv.value.at(), true, kv.value.by(),
                            "pinned by " + kv.value.by() + ": " + kv.value.reason(), kv.value.commandId(),
                            known == null ? 0 : known.decisions()));
                }
            });
        }
        return states;
    }

    private static RegionState state(String region, RegionRouting r) {
        return new RegionState(region, r.engaged, r.sinceMillis == 0 ? null : Instant.ofEpochMilli(r.sinceMillis),
                r.pinned, r.pinnedBy, r.lastReason, r.lastCommandId, r.decisions);
    }

    private ReadOnlyKeyValueStore<String, KpiCounts> minutes() {
        return store(StoreNames.MINUTES);
    }

    private ReadOnlyKeyValueStore<String, WaitingCalls> waiting() {
        return store(StoreNames.WAITING);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw ProblemException.unavailable("KPI state is " + streams.state().name().toLowerCase()
                    + " (starting or rebuilding from Kafka); try again shortly", 5);
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw ProblemException.unavailable("KPI state is being rebuilt from Kafka; try again shortly", 5);
        }
    }
}
