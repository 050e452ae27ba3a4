package io.switchboard.local;

import io.switchboard.events.Topics;
import io.switchboard.localinfra.DevTokens;
import io.switchboard.localinfra.KafkaBroker;
import io.switchboard.localinfra.LocalPostgres;
import io.switchboard.localinfra.Memory;
import io.switchboard.localinfra.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Switchboard on one machine: a real Kafka broker and PostgreSQL and the four services from their packaged jars, all
 * on loopback, connected to a PBX (AMI) the caller names. {@link LocalPlatformMain} runs it with the call-centre
 * simulator as the PBX; the readiness drill runs it with a scenario's simulator.
 */
public final class LocalPlatform implements AutoCloseable {

    static final int KAFKA_PORT = 9092;
    static final int POSTGRES_PORT = 5432;
    /** Demo-only key: real deployments set SWITCHBOARD_HMAC_KEY from a secret. */
    static final String DEMO_HMAC_KEY = "local-platform-demo-key-not-a-secret";
    public static final String PBX_ID = "local-pbx";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** Where call-ingest finds the PBX's AMI. */
    public record Pbx(int port, String username, String secret) {
    }

    private final Path root;
    private final Path workDir;
    private final boolean freePorts;
    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private KafkaBroker kafka;
    private LocalPostgres postgres;

    /**
     * @param root      the repository (the services' packaged jars are found under it)
     * @param workDir   data and logs
     * @param freePorts false: the documented ports (8081-8084, Kafka 9092, PostgreSQL 5432, when free);
     *                  true: any free ports, so a drill never collides with a running platform
     */
    public LocalPlatform(Path root, Path workDir, boolean freePorts) {
        this.root = root.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.freePorts = freePorts;
    }

    /** Kafka with every contract topic, and PostgreSQL with each service's database. */
    public void startInfrastructure() throws IOException {
        kafka = KafkaBroker.fromEnvironmentOrStart(workDir.resolve("kafka"), port(KAFKA_PORT));
        infrastructure.add(kafka);
        kafka.createTopics(Topics.allWithDeadLetters().stream().map(LocalPlatform::keptWhileRunning).toList());
        postgres = LocalPostgres.start(workDir.resolve("postgres"), port(POSTGRES_PORT));
        infrastructure.add(postgres);
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec.database() != null) {
                postgres.createDatabase(spec.database());
            }
        }
    }

    /**
     * Drills replay historical dates (Easter 2013) at accelerated time and every record carries its event time, so
     * time-based retention would delete a drill's records at the broker's next check. On one machine the platform
     * keeps every record until it stops; deployments use the contract's retention (helm/, deploy/kubernetes/).
     */
    private static Topics.TopicSpec keptWhileRunning(Topics.TopicSpec spec) {
        return new Topics.TopicSpec(spec.name(), spec.key(), spec.partitions(), spec.compacted(),
                Duration.ofMillis(-1), spec.payload());
    }

    /**
     * Starts the four services and waits until each is ready.
     *
     * @param extraEnv added to every service's environment (configuration as environment variables)
     */
    public void startServices(Pbx pbx, Map<String, String> extraEnv) throws IOException, InterruptedException {
        // call-ingest last: the PBX's calls start flowing when it logs in, and every consumer should be up by then
        // (a simulated handler needs triage-service the moment a call is answered).
        List<ServiceProcess> consumers = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (!spec.name().equals("call-ingest")) {
                consumers.add(start(spec, pbx, extraEnv));
            }
        }
        awaitReady(consumers);
        ServiceSpec ingest = ServiceSpec.ALL.stream().filter(s -> s.name().equals("call-ingest")).findFirst()
                .orElseThrow();
        awaitReady(List.of(start(ingest, pbx, extraEnv)));
        Map<String, ServiceProcess> ordered = new LinkedHashMap<>();
        ServiceSpec.ALL.forEach(spec -> ordered.put(spec.name(), services.get(spec.name())));
        services.clear();
        services.putAll(ordered);
    }

    private ServiceProcess start(ServiceSpec spec, Pbx pbx, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = environment(spec, pbx);
        env.putAll(extraEnv);
        environments.put(spec.name(), env);
        int httpPort = freePorts ? port(0) : port(spec.httpPort());
        ServiceProcess process = launch(spec, httpPort, env);
        services.put(spec.name(), process);
        return process;
    }

    /** Stops a service (as a crash or a rolling upgrade would) and starts it again on the same port. */
    public void restart(String name) throws IOException, InterruptedException {
        ServiceProcess old = services.get(name);
        if (old == null) {
            throw new IllegalArgumentException("no service " + name + "; known: " + services.keySet());
        }
        old.close();
        ServiceSpec spec = ServiceSpec.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        ServiceProcess restarted = launch(spec, old.httpPort(), environments.get(name));
        services.put(name, restarted);
        awaitReady(List.of(restarted));
    }

    private ServiceProcess launch(ServiceSpec spec, int httpPort, Map<String, String> env) throws IOException {
        return ServiceProcess.start(spec.name(), root.resolve(spec.module()).resolve("target/quarkus-app/quarkus-run.jar"),
                httpPort, env, workDir.resolve("logs"));
    }

    private Map<String, String> environment(ServiceSpec spec, Pbx pbx) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SWITCHBOARD_HMAC_KEY", DEMO_HMAC_KEY);
        env.put("SWITCHBOARD_PBX_ID", PBX_ID);
        // DEV/TEST ONLY: the services trust tokens minted with the committed dev key (deploy/local/token).
        // Real deployments set MP_JWT_VERIFY_ISSUER and MP_JWT_VERIFY_PUBLICKEY_LOCATION for their identity provider.
        env.put("MP_JWT_VERIFY_PUBLICKEY", DevTokens.publicKeyPem());
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        if (spec.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(spec.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        }
        if (spec.name().equals("call-ingest")) {
            env.put("SWITCHBOARD_AMI_HOST", "127.0.0.1");
            env.put("SWITCHBOARD_AMI_PORT", Integer.toString(pbx.port()));
            env.put("SWITCHBOARD_AMI_USERNAME", pbx.username());
            env.put("SWITCHBOARD_AMI_PASSWORD", pbx.secret());
        }
        return env;
    }

    private static void awaitReady(List<ServiceProcess> starting) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(starting);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(service.name() + " exited during start; see " + service.log());
                }
                if (service.isReady()) {
                    say("  " + service.name() + " is ready on " + service.url(""));
                    waiting.remove(service);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream().map(s -> s.name() + " (log " + s.log() + ")").toList());
            }
            if (!waiting.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(250); // polling an HTTP endpoint: there is nothing to await on
            }
        }
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    public String serviceUrl(String name, String path) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service.url(path);
    }

    public Map<String, Integer> httpPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach((name, s) -> ports.put(name, s.httpPort()));
        return ports;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public Path logs() {
        return workDir.resolve("logs");
    }

    public long residentBytes() {
        return Memory.residentBytesOfTree(ProcessHandle.current());
    }

    /** The documented port when it is free (and fixed ports were asked for), else any free port. */
    private int port(int preferred) {
        if (!freePorts && preferred != 0) {
            try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
                return preferred;
            } catch (IOException taken) {
                say("  port " + preferred + " is taken; using a free one");
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }

    @Override
    public synchronized void close() {
        services.values().forEach(ServiceProcess::close);
        services.clear();
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            try {
                infrastructure.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
        infrastructure.clear();
    }

    static void say(String line) {
        System.out.println(line);
    }
}
