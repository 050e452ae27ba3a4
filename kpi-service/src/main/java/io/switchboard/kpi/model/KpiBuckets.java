package io.switchboard.kpi.model;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reading the minute-bucket store: the topology and the REST API sum buckets the same way. */
public final class KpiBuckets {

    private KpiBuckets() {
    }

    public static String minuteKey(GroupKey group, long minuteStart) {
        return group.encode() + String.format("|%013d", Math.max(0, minuteStart));
    }

    /** Counters of a group over the minutes from fromMillis to toMillis (both included, one-minute resolution). */
    public static KpiCounts sum(ReadOnlyKeyValueStore<String, KpiCounts> store, GroupKey group, long fromMillis,
            long toMillis) {
        KpiCounts total = new KpiCounts();
        try (KeyValueIterator<String, KpiCounts> it = store.range(minuteKey(group, Intervals.minuteStart(fromMillis)),
                minuteKey(group, Intervals.minuteStart(toMillis)))) {
            it.forEachRemaining(kv -> total.add(kv.value));
        }
        return total;
    }
}
