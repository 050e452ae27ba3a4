package io.switchboard.bench;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.Topics;
import io.switchboard.kpi.policy.Thresholds;
import io.switchboard.kpi.streams.KpiTopology;
import io.switchboard.kpi.streams.PipelineCounters;
import io.switchboard.kpi.streams.StoreNames;
import io.switchboard.kpi.streams.TopologySettings;
import io.switchboard.localinfra.KafkaBroker;
import io.switchboard.localinfra.TopicAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Breach-to-command latency: from sending the lifecycle event that takes a region over its engage threshold to the
 * routing command being readable (read_committed) on the broker, with the KPI topology running exactly-once on a
 * real broker and a steady background load of other calls. Each breach uses a fresh region; p50/p95/p99 printed.
 */
public final class BreachLatencyBenchmark {

    private static final int THRESHOLD = 5;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        int breaches = 200;
        int loadRate = 2_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--breaches" -> breaches = Integer.parseInt(args[++i]);
                case "--load" -> loadRate = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("KPI breach-to-command latency: %d breaches under %,d background events/s, %d CPUs%n",
                breaches, loadRate, Runtime.getRuntime().availableProcessors());
        Path work = Files.createDirectories(root.resolve("bench/target/work"));
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), 0)) {
            broker.createTopics(Topics.allWithDeadLetters());
            try (TopicAdmin admin = new TopicAdmin(broker.bootstrapServers())) {
                admin.createMissing(List.of(new Topics.TopicSpec(StoreNames.OVERRIDES_TOPIC, "region", 1, true,
                        Duration.ofDays(365), null)));
            }
            KafkaStreams streams = startTopology(broker.bootstrapServers(), work);
            Map<String, Long> received = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread reader = new Thread(() -> readCommands(broker.bootstrapServers(), received, running), "commands");
            reader.start();
            AtomicLong loadSent = new AtomicLong();
            int rate = loadRate;
            Thread load = new Thread(() -> backgroundLoad(broker.bootstrapServers(), rate, loadSent, running), "load");
            load.start();
            TimeUnit.SECONDS.sleep(5); // let the load and the topology settle before measuring

            List<Double> latencies = new ArrayList<>();
            long loadStart = loadSent.get();
            long t0 = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers(), 0)) {
                for (int b = 0; b < breaches; b++) {
                    String region = "breach-" + b;
                    for (int c = 1; c < THRESHOLD; c++) {
                        queued(region, c).forEach(e -> send(producer, e));
                    }
                    producer.flush();
                    TimeUnit.MILLISECONDS.sleep(150); // the region sits just below its threshold
                    List<CallLifecycleEvent> crossing = queued(region, THRESHOLD);
                    send(producer, crossing.get(0));
                    long sent = System.nanoTime();
                    send(producer, crossing.get(1));
                    producer.flush();
                    long deadline = sent + TimeUnit.SECONDS.toNanos(10);
                    while (!received.containsKey(region) && System.nanoTime() < deadline) {
                        TimeUnit.MILLISECONDS.sleep(1); // the reader thread records arrival; poll its map
                    }
                    Long at = received.get(region);
                    latencies.add(at == null ? Double.POSITIVE_INFINITY : (at - sent) / 1e6);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            load.join();
            reader.join();
            streams.close(Duration.ofSeconds(30));

            Collections.sort(latencies);
            System.out.printf("  background load achieved: %,.0f events/s%n", (loadSent.get() - loadStart) / seconds);
            System.out.printf("  latency ms: p50 %.0f, p95 %.0f, p99 %.0f, max %.0f (%d samples)%n",
                    percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                    latencies.get(latencies.size() - 1), latencies.size());
            System.out.printf("  target p99 < 250 ms: %s%n", percentile(latencies, 99) < 250 ? "MET" : "NOT MET");
        }
    }

    private static KafkaStreams startTopology(String bootstrap, Path work) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-latency-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // As kpi-service runs (application.properties): short commits (25 ms), no producer linger, short fetch waits,
        // because a decision crosses two transactional hops (the by-region repartition, then the command).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 25);
        props.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        props.put(StreamsConfig.consumerPrefix("fetch.max.wait.ms"), 50);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(work, "state-").toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
        Thresholds thresholds = new Thresholds(THRESHOLD, Duration.ofHours(1), 0.0, Integer.MAX_VALUE, 0,
                Duration.ofMinutes(59), 0.5, Duration.ofHours(1), Duration.ofHours(1));
        TopologySettings settings = new TopologySettings(Duration.ofMinutes(5), Duration.ofDays(62),
                Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofSeconds(1), Set.of("clinician"),
                r -> thresholds, 3);
        KafkaStreams streams = new KafkaStreams(KpiTopology.build(settings, PipelineCounters.NONE), props);
        streams.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka Streams did not start: " + streams.state());
            }
            TimeUnit.MILLISECONDS.sleep(100); // no state listener needed for a one-off start
        }
        return streams;
    }

    private static void readCommands(String bootstrap, Map<String, Long> received, AtomicBoolean running) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ROUTING_COMMANDS));
            while (running.get()) {
                consumer.poll(Duration.ofMillis(20)).forEach(r -> received.putIfAbsent(
                        EventJson.fromBytes(r.value(), RoutingCommand.class).region(), System.nanoTime()));
            }
        }
    }

    private static void backgroundLoad(String bootstrap, int rate, AtomicLong sent, AtomicBoolean running) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap, 5)) {
            long n = 0;
            long start = System.nanoTime();
            while (running.get()) {
                String callId = "pbx-load:" + n++;
                Instant now = Instant.now();
                String region = SyntheticWeek.REGIONS[(int) (n % SyntheticWeek.REGIONS.length)];
                for (CallLifecycleEvent e : List.of(
                        event(callId, 1, CallStep.OFFERED, now, region, null, null),
                        event(callId, 2, CallStep.QUEUED, now, region, "triage", null),
                        event(callId, 3, CallStep.ANSWERED, now, region, "triage", 3.0),
                        event(callId, 4, CallStep.ENDED, now, region, null, null))) {
                    send(producer, e);
                    sent.incrementAndGet();
                }
                long due = start + (long) (sent.get() * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the background load
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<CallLifecycleEvent> queued(String region, int n) {
        String callId = "pbx-breach:" + region + "-" + n;
        Instant now = Instant.now();
        return List.of(event(callId, 2, CallStep.QUEUED, now, region, "triage", null),
                event(callId, 1, CallStep.OFFERED, now, region, null, null));
    }

    private static CallLifecycleEvent event(String callId, int seq, CallStep step, Instant at, String region,
            String queue, Double wait) {
        return new CallLifecycleEvent(UUID.nameUUIDFromBytes((callId + seq).getBytes()).toString(), callId, step, seq,
                at, "pbx-bench", "provider-a", region, queue,
                step == CallStep.ANSWERED ? "agent:0123456789abcdef0123456789abcdef" : null, null, wait, null,
                step == CallStep.QUEUED ? 1 : null, null, step == CallStep.ENDED ? "caller-hangup" : null);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, CallLifecycleEvent e) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CALLS_LIFECYCLE, null,
                e.occurredAt().toEpochMilli(), e.callId(), EventJson.toBytes(e));
        CloudEventHeaders.write(record.headers(), new CloudEventHeaders.Envelope(e.eventId(), "/bench",
                e.cloudEventType(), e.occurredAt(), e.callId(), null));
        producer.send(record);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
