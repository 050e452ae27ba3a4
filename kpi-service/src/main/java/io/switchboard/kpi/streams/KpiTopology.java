package io.switchboard.kpi.streams;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.switchboard.events.Topics;
import io.switchboard.kpi.model.AbandonedCall;
import io.switchboard.kpi.model.CallState;
import io.switchboard.kpi.model.CallStepLogic;
import io.switchboard.kpi.model.KpiCounts;
import io.switchboard.kpi.model.DeltaBatch;
import io.switchboard.kpi.model.WaitingCalls;
import io.switchboard.kpi.policy.OperatorPin;
import io.switchboard.kpi.policy.RegionRouting;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * calls.lifecycle.v1 -> per call (dedupe, contributions) -> repartition by region -> per region (minute buckets,
 * waiting gauges, abandoned calls, failover policy) -> kpi.snapshots.v1, routing.commands.v1, and the dead-letter
 * topic for unreadable or late events.
 *
 * <p>Kafka Streams has no automatic tracing: both stages trace explicitly. Stage one continues each record's
 * {@code traceparent} (or its call's trace) in a span and passes it on in the headers of the contributions, through
 * the repartition topic, to stage two, whose span is its child; a contingency decision starts a trace of its own,
 * linked to the span of the call that triggered it.
 */
public final class KpiTopology {

    private KpiTopology() {
    }

    /** Without tracing (spans are not recorded; records still carry the traceparent they had). */
    public static Topology build(TopologySettings settings, PipelineCounters counters) {
        return build(settings, counters, OpenTelemetry.noop().getTracer(io.switchboard.tracing.KafkaTracing.SCOPE));
    }

    public static Topology build(TopologySettings settings, PipelineCounters counters, Tracer tracer) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(inMemory(StoreNames.CALLS, BinarySerdes.calls()));
        builder.addStateStore(inMemory(StoreNames.CALL_EXPIRY, Serdes.String()));
        // Minute buckets and abandoned calls are kept for months: on disk (RocksDB), with a cache for hot buckets.
        builder.addStateStore(persistent(StoreNames.MINUTES, BinarySerdes.counts()));
        builder.addStateStore(persistent(StoreNames.ABANDONED, new JsonSerde<>(AbandonedCall.class)));
        builder.addStateStore(inMemory(StoreNames.WAITING, BinarySerdes.waiting()));
        builder.addStateStore(inMemory(StoreNames.ROUTING, new JsonSerde<>(RegionRouting.class)));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.OVERRIDES),
                        Serdes.String(), new JsonSerde<>(OperatorPin.class)).withLoggingDisabled(),
                StoreNames.OVERRIDES_TOPIC, Consumed.with(Serdes.String(), new JsonSerde<>(OperatorPin.class)),
                OverrideLoader::new);

        CallStepLogic logic = new CallStepLogic(settings.clinicianQueues());
        KStream<String, Object> perCall = builder.stream(Topics.CALLS_LIFECYCLE,
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("lifecycle-events"))
                .process(() -> new CallStepProcessor(logic, settings.grace(), settings.callMemory(), counters, tracer),
                        StoreNames.CALLS, StoreNames.CALL_EXPIRY);

        perCall.filter((k, v) -> v instanceof Outbound).mapValues(v -> (Outbound) v)
                .to(Outbound.TOPIC, Produced.with(Serdes.String(), Outbound.serde()));

        perCall.filter((k, v) -> v instanceof DeltaBatch).mapValues(v -> (DeltaBatch) v)
                .repartition(Repartitioned.with(Serdes.String(), new DeltaSerde()).withName("kpi-deltas")
                        .withNumberOfPartitions(settings.regionPartitions()))
                .process(() -> new KpiAggregator(settings, counters, tracer), StoreNames.MINUTES, StoreNames.WAITING,
                        StoreNames.ABANDONED, StoreNames.ROUTING)
                .to(Outbound.TOPIC, Produced.with(Serdes.String(), Outbound.serde()));
        return builder.build();
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> inMemory(String name,
            org.apache.kafka.common.serialization.Serde<V> serde) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
                .withCachingEnabled();
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name,
            org.apache.kafka.common.serialization.Serde<V> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde)
                .withCachingEnabled();
    }

    /** Keeps the global store of operators' pins in step with their topic (a null value clears a pin). */
    static final class OverrideLoader implements Processor<String, OperatorPin, Void, Void> {
        private KeyValueStore<String, OperatorPin> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(StoreNames.OVERRIDES);
        }

        @Override
        public void process(Record<String, OperatorPin> record) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
