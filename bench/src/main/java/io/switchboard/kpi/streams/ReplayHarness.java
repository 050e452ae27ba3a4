package io.switchboard.kpi.streams;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.switchboard.kpi.model.AbandonedCall;
import io.switchboard.kpi.model.CallStepLogic;
import io.switchboard.kpi.model.KpiCounts;
import io.switchboard.kpi.model.DeltaBatch;
import io.switchboard.kpi.policy.OperatorPin;
import io.switchboard.kpi.policy.RegionRouting;
import io.switchboard.tracing.KafkaTracing;
import org.apache.kafka.common.serialization.Serde;
import java.nio.file.Path;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Drives the KPI topology's two processors directly, with their real state stores (in memory and RocksDB, as in
 * the topology) and the contributions passed through the repartition serde, but without a broker or Kafka Streams'
 * per-record commits (TopologyTestDriver commits and fsyncs after every record, which measures the driver, not the
 * topology). Lives in the topology's package, in the bench module, to reach its package-private processors.
 * Tracing costs what it costs in production by default (SDK disabled): no spans, the trace context passed from stage
 * one to stage two in the headers.
 */
public final class ReplayHarness implements AutoCloseable {

    private final MockProcessorContext<String, Object> perCallContext;
    private final MockProcessorContext<String, Outbound> perRegionContext;
    private final CallStepProcessor perCall;
    private final KpiAggregator perRegion;
    private final DeltaSerde serde = new DeltaSerde();
    private final KeyValueStore<String, KpiCounts> minutes;
    private long streamTime = Long.MIN_VALUE;
    private long regionStreamTime = Long.MIN_VALUE;

    public ReplayHarness(TopologySettings settings, Path stateDir) {
        java.util.Properties props = new java.util.Properties();
        props.put("application.id", "kpi-replay");
        props.put("bootstrap.servers", "unused:9092");
        props.put("state.dir", stateDir.toString());
        perCallContext = new MockProcessorContext<>(props, new org.apache.kafka.streams.processor.TaskId(0, 0),
                stateDir.resolve("0_0").toFile());
        perRegionContext = new MockProcessorContext<>(props, new org.apache.kafka.streams.processor.TaskId(1, 0),
                stateDir.resolve("1_0").toFile());
        register(perCallContext, memory(StoreNames.CALLS, BinarySerdes.calls()));
        register(perCallContext, memory(StoreNames.CALL_EXPIRY, Serdes.String()));
        minutes = register(perRegionContext, rocks(StoreNames.MINUTES, BinarySerdes.counts()));
        register(perRegionContext, rocks(StoreNames.ABANDONED, new JsonSerde<>(AbandonedCall.class)));
        register(perRegionContext, memory(StoreNames.WAITING, BinarySerdes.waiting()));
        register(perRegionContext, memory(StoreNames.ROUTING, new JsonSerde<>(RegionRouting.class)));
        register(perRegionContext, memory(StoreNames.OVERRIDES, new JsonSerde<>(OperatorPin.class)));
        Tracer tracer = KafkaTracing.tracer(OpenTelemetry.noop(), true);
        perCall = new CallStepProcessor(new CallStepLogic(settings.clinicianQueues()), settings.grace(),
                settings.callMemory(), PipelineCounters.NONE, tracer);
        perRegion = new KpiAggregator(settings, PipelineCounters.NONE, tracer);
        perCall.init(perCallContext);
        perRegion.init(perRegionContext);
    }

    public void process(String key, byte[] value, long timestamp) {
        streamTime = Math.max(streamTime, timestamp);
        perCallContext.setCurrentStreamTimeMs(streamTime);
        perCallContext.setCurrentSystemTimeMs(streamTime);
        perCall.process(new Record<>(key, value, timestamp));
        for (MockProcessorContext.CapturedForward<? extends String, ?> forward : perCallContext.forwarded()) {
            if (forward.record().value() instanceof DeltaBatch batch) {
                DeltaBatch repartitioned = serde.deserializer().deserialize("kpi-deltas",
                        serde.serializer().serialize("kpi-deltas", batch));
                regionStreamTime = Math.max(regionStreamTime, forward.record().timestamp());
                perRegionContext.setCurrentStreamTimeMs(regionStreamTime);
                perRegionContext.setCurrentSystemTimeMs(regionStreamTime);
                perRegion.process(new Record<>(forward.record().key(), repartitioned, forward.record().timestamp(),
                        forward.record().headers()));
            }
        }
        perCallContext.resetForwards();
        perRegionContext.resetForwards();
    }

    public KeyValueStore<String, KpiCounts> minutes() {
        return minutes;
    }

    private static <S extends org.apache.kafka.streams.processor.StateStore> S register(
            MockProcessorContext<?, ?> context, StoreBuilder<S> builder) {
        S store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> memory(String name, Serde<V> serde) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> rocks(String name, Serde<V> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde);
    }

    @Override
    public void close() {
        perCallContext.getStateStore(StoreNames.CALLS).close();
        minutes.close();
        perRegionContext.getStateStore(StoreNames.ABANDONED).close();
    }
}
