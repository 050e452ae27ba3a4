package io.switchboard.bench;

import io.switchboard.amireplay.AmiReplayServer;
import io.switchboard.amireplay.AmiTranscript;
import io.switchboard.events.Topics;
import io.switchboard.localinfra.KafkaBroker;
import io.switchboard.localinfra.ServiceProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.BridgeEvent;
import org.asteriskjava.manager.event.DialEvent;

/**
 * AMI events per second from the socket to broker-acknowledged lifecycle events (call-ingest, packaged, as run in
 * production), beside two baselines measured in the same run on the same stream: a raw socket read (what the stand-in
 * PBX can send) and asterisk-java parsing into typed events for a do-nothing listener.
 *
 * <p>The stream is the recorded 20-call burst (2,575 events a pass), looped with fresh call ids each pass.
 */
public final class AmiIngestBenchmark {

    private static final int LIFECYCLE_EVENTS_PER_PASS = 89;
    private static final Duration IDLE = Duration.ofSeconds(2);

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        int passes = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("AMI ingest benchmark: g_burst x %d passes, %d CPUs%n", passes,
                Runtime.getRuntime().availableProcessors());
        Path work = root.resolve("bench/target/work");
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), 0)) {
            broker.createTopics(Topics.allWithDeadLetters());

            Rate raw = rawSocketRead(passes);
            System.out.printf("  raw socket read (stand-in PBX ceiling): %,10.0f messages/s (%,d in %.2f s)%n",
                    raw.perSecond(), raw.count(), raw.seconds());
            Rate bare = asteriskJavaBareParse(passes);
            System.out.printf("  asterisk-java, do-nothing listener:    %,10.0f events/s   (%,d in %.2f s)%n",
                    bare.perSecond(), bare.count(), bare.seconds());
            Rate pipeline = callIngest(root, work, broker, passes);
            System.out.printf("  call-ingest, socket to acked events:   %,10.0f events/s   (%,d AMI events, %,d"
                    + " lifecycle events, %.2f s)%n", pipeline.perSecond(), pipeline.count(),
                    (long) passes * LIFECYCLE_EVENTS_PER_PASS, pipeline.seconds());
            double ratio = pipeline.perSecond() / bare.perSecond();
            System.out.printf("  ratio call-ingest / bare parse:        %10.2f%n", ratio);
            boolean pass = pipeline.perSecond() >= 50_000 && ratio >= 0.5;
            System.out.printf("  targets: >= 50,000 events/s and >= 0.5 of bare parse: %s%n", pass ? "MET" : "NOT MET");
        }
    }

    record Rate(long count, double seconds) {
        double perSecond() {
            return count / seconds;
        }
    }

    private static AmiReplayServer server(int passes) {
        return AmiReplayServer.builder().port(0).scenarios("g_burst").passes(passes).asFastAsPossible()
                .afterLoginDelay(Duration.ofMillis(200)).start();
    }

    /** Reads the stream as bytes and counts messages (blank-line terminators): what the server can deliver. */
    private static Rate rawSocketRead(int passes) throws Exception {
        try (AmiReplayServer server = server(passes); Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("Action: Login\r\nUsername: " + AmiReplayServer.DEFAULT_USERNAME + "\r\nSecret: "
                    + AmiReplayServer.DEFAULT_SECRET + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout((int) IDLE.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1), 1 << 16);
            long count = 0;
            long first = 0;
            long last = 0;
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        last = System.nanoTime();
                        if (count++ == 0) {
                            first = last;
                        }
                    }
                }
            } catch (java.net.SocketTimeoutException idle) {
                // the bounded loop is over
            }
            return new Rate(count - 1, (last - first) / 1e9);
        }
    }

    /** asterisk-java's own reading and parsing into typed events, with a listener that only counts. */
    private static Rate asteriskJavaBareParse(int passes) throws Exception {
        try (AmiReplayServer server = server(passes)) {
            ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", server.port(),
                    AmiReplayServer.DEFAULT_USERNAME, AmiReplayServer.DEFAULT_SECRET).createManagerConnection();
            AtomicLong count = new AtomicLong();
            AtomicLong first = new AtomicLong();
            AtomicLong last = new AtomicLong();
            connection.addEventListener(event -> {
                if (event instanceof BridgeEvent || event instanceof DialEvent) {
                    return; // asterisk-java's own synthetic events, not AMI messages
                }
                long now = System.nanoTime();
                if (count.getAndIncrement() == 0) {
                    first.set(now);
                }
                last.set(now);
            });
            connection.login("on");
            awaitIdle(count);
            connection.logoff();
            return new Rate(count.get() - 1, (last.get() - first.get()) / 1e9);
        }
    }

    /** The packaged call-ingest, from its first published lifecycle event until the last one is acknowledged. */
    private static Rate callIngest(Path root, Path work, KafkaBroker broker, int passes) throws Exception {
        long eventsPerPass = AmiTranscript.load("g_burst").events().stream()
                .filter(m -> !m.message().has("ActionID")).count();
        long expected = (long) passes * LIFECYCLE_EVENTS_PER_PASS;
        try (AmiReplayServer server = AmiReplayServer.builder().port(0).scenarios("g_burst").passes(passes)
                .asFastAsPossible().afterLoginDelay(Duration.ofSeconds(4)).start();
                LifecycleCount lifecycle = new LifecycleCount(broker.bootstrapServers());
                ServiceProcess ingest = ServiceProcess.start("call-ingest",
                        root.resolve("call-ingest/target/quarkus-app/quarkus-run.jar"), 18081, Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                                "SWITCHBOARD_AMI_HOST", "127.0.0.1",
                                "SWITCHBOARD_AMI_PORT", Integer.toString(server.port()),
                                "SWITCHBOARD_AMI_USERNAME", AmiReplayServer.DEFAULT_USERNAME,
                                "SWITCHBOARD_AMI_PASSWORD", AmiReplayServer.DEFAULT_SECRET,
                                "SWITCHBOARD_HMAC_KEY", "benchmark-key-not-a-secret-0123456789",
                                "SWITCHBOARD_PBX_ID", "pbx-bench"),
                        work.resolve("logs"), List.of("-Xms512m", "-Xmx512m"))) {
            long base = lifecycle.count();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            long first = 0;
            long now;
            long seen;
            do {
                TimeUnit.MILLISECONDS.sleep(20); // sampling the broker's end offsets
                now = System.nanoTime();
                seen = lifecycle.count() - base;
                if (first == 0 && seen > 0) {
                    first = now;
                }
                if (!ingest.isAlive() || now > deadline) {
                    throw new IllegalStateException("call-ingest did not publish " + expected + " events (saw " + seen
                            + "); see " + ingest.log());
                }
            } while (seen < expected);
            return new Rate(passes * eventsPerPass, (now - first) / 1e9);
        }
    }

    private static void awaitIdle(AtomicLong count) throws InterruptedException {
        long previous = -1;
        while (count.get() != previous || previous <= 0) {
            previous = count.get();
            TimeUnit.MILLISECONDS.sleep(IDLE.toMillis()); // the stream is over when nothing arrives for a while
        }
    }

    /** Records on calls.lifecycle.v1 (sum of end offsets): acknowledged by the broker with acks=all. */
    private static final class LifecycleCount implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;

        LifecycleCount(String bootstrap) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            partitions = consumer.partitionsFor(Topics.CALLS_LIFECYCLE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }

        long count() {
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
