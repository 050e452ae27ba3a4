package io.switchboard.localinfra;

import io.switchboard.events.Topics.TopicSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker for tests and the local platform: either one this class starts in its own JVM (KRaft, loopback,
 * free ports) or an external one named by {@code KAFKA_BOOTSTRAP_SERVERS}.
 *
 * <p>The broker's jars stay out of this JVM: Quarkus manages an older kafka-clients that the broker cannot run with.
 * The classpath comes from the {@code switchboard-kafka-broker} jar, which records it at build time.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CLASSPATH_RESOURCE = "io/switchboard/broker/broker.classpath";
    private static final String MAIN_CLASS = "io.switchboard.broker.KafkaBrokerMain";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Process process;
    private final Path dataDir;

    private KafkaBroker(String bootstrapServers, Process process, Path dataDir) {
        this.bootstrapServers = bootstrapServers;
        this.process = process;
        this.dataDir = dataDir;
    }

    /** Uses {@code KAFKA_BOOTSTRAP_SERVERS} when set, otherwise starts a broker under {@code workDir}. */
    public static KafkaBroker fromEnvironmentOrStart(Path workDir, int port) {
        String external = System.getenv(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            LOG.info("Using the external Kafka broker at {} ({} is set)", external, BOOTSTRAP_ENV);
            return external(external);
        }
        return start(workDir, port);
    }

    public static KafkaBroker external(String bootstrapServers) {
        return new KafkaBroker(bootstrapServers, null, null);
    }

    /**
     * Starts a broker in a new JVM with its data in a fresh directory under workDir.
     *
     * @param port the client port, or 0 for a free one
     */
    public static KafkaBroker start(Path workDir, int port) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(workDir);
            Path dataDir = Files.createTempDirectory(workDir, "kafka-");
            Path log = dataDir.resolve("broker.log");
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms64m", "-Xmx384m",
                    "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Djava.io.tmpdir=" + dataDir, "-cp", brokerClasspath(), MAIN_CLASS,
                    dataDir.resolve("data").toString(), Integer.toString(port)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> ready = pumpOutput(process, log);
            String bootstrap;
            try {
                bootstrap = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
                throw new IllegalStateException("Kafka broker did not start within " + START_TIMEOUT.toSeconds()
                        + " s; its log is " + log + ": " + tail(log), e);
            }
            LOG.info("Kafka broker ready at {} in {} ms (data in {})", bootstrap,
                    (System.nanoTime() - started) / 1_000_000, dataDir);
            return new KafkaBroker(bootstrap, process, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isExternal() {
        return process == null;
    }

    /** Creates the topics that do not exist yet; see {@link TopicAdmin}. */
    public void createTopics(List<TopicSpec> topics) {
        try (TopicAdmin admin = new TopicAdmin(bootstrapServers)) {
            admin.createMissing(topics);
        }
    }

    /** Client properties for this broker (bootstrap servers only; add serialisers yourself). */
    public Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers);
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            // Closing stdin asks the broker to stop cleanly (see KafkaBrokerMain).
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already closed: the broker is stopping anyway.
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Directories.deleteQuietly(dataDir);
    }

    private static CompletableFuture<String> pumpOutput(Process process, Path log) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    out.println(line);
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring("READY ".length()).trim());
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the broker process exited"));
        }, "kafka-broker-output");
        pump.setDaemon(true);
        pump.start();
        return ready;
    }

    static String brokerClasspath() {
        URL resource = KafkaBroker.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is not on the classpath: add the "
                    + "switchboard-kafka-broker dependency (with all its transitive dependencies excluded)");
        }
        String recorded;
        try (InputStream in = resource.openStream()) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return launcherLocation(resource) + java.io.File.pathSeparator + recorded;
    }

    /** The jar (or classes directory, in a reactor build) that holds the launcher and the classpath record. */
    private static String launcherLocation(URL resource) {
        try {
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                String jar = url.substring("jar:".length(), url.indexOf("!/"));
                return Path.of(new URL(jar).toURI()).toString();
            }
            Path file = Path.of(resource.toURI());
            // .../classes/io/switchboard/broker/broker.classpath -> .../classes
            return file.getParent().getParent().getParent().getParent().toString();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot locate the Kafka broker launcher from " + resource, e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
