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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Switchboard on one machine: a real Kafka broker and PostgreSQL, the four services from their packaged jars, and
 * call traffic from a PBX stand-in, all on loopback. Started by {@code deploy/local/run}; Ctrl-C stops everything.
 */
public final class LocalPlatform implements AutoCloseable {

    static final int KAFKA_PORT = 9092;
    static final int POSTGRES_PORT = 5432;
    static final int AMI_PORT = 5038;
    /** Demo-only key: real deployments set SWITCHBOARD_HMAC_KEY from a secret. */
    static final String DEMO_HMAC_KEY = "local-platform-demo-key-not-a-secret";
    static final String PBX_ID = "local-pbx";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path root;
    private final Path workDir;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBroker kafka;
    private LocalPostgres postgres;
    private DemoTraffic traffic;

    LocalPlatform(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.workDir = this.root.resolve(".local-platform");
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LocalPlatform platform = new LocalPlatform(options.root());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Switchboard...");
            platform.close();
            stopped.countDown();
        }, "local-platform-stop"));
        try {
            platform.start(options.speed());
        } catch (RuntimeException e) {
            System.err.println("\nThe local platform could not start: " + e.getMessage());
            System.exit(1);
        }
        if (options.exitWhenReady()) {
            System.exit(0);
        }
        platform.reportUntilStopped(stopped);
    }

    void start(double trafficSpeed) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        say("Starting Kafka (KRaft, own JVM) and PostgreSQL (embedded)...");
        kafka = KafkaBroker.fromEnvironmentOrStart(workDir.resolve("kafka"), preferredPort(KAFKA_PORT));
        started.add(kafka);
        kafka.createTopics(Topics.allWithDeadLetters());
        postgres = LocalPostgres.start(workDir.resolve("postgres"), preferredPort(POSTGRES_PORT));
        started.add(postgres);
        for (String db : List.of("triage", "directory", "kpi")) {
            postgres.createDatabase(db);
        }

        int amiPort = preferredPort(AMI_PORT);
        traffic = DemoTraffic.start(amiPort, trafficSpeed);
        started.add(traffic);

        say("Starting the four services...");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            services.add(ServiceProcess.start(spec.name(), root.resolve(spec.module())
                    .resolve("target/quarkus-app/quarkus-run.jar"), spec.httpPort(), environment(spec, amiPort),
                    workDir.resolve("logs")));
        }
        awaitReady();
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        printWhereToLook(elapsedMs, amiPort);
    }

    private Map<String, String> environment(ServiceSpec spec, int amiPort) {
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
            env.put("SWITCHBOARD_AMI_PORT", Integer.toString(amiPort));
            env.put("SWITCHBOARD_AMI_USERNAME", DemoTraffic.USERNAME);
            env.put("SWITCHBOARD_AMI_PASSWORD", DemoTraffic.PASSWORD);
        }
        return env;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
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

    private void printWhereToLook(long elapsedMs, int amiPort) {
        StringBuilder out = new StringBuilder();
        out.append("\nSwitchboard is running (ready in ").append(elapsedMs / 1000.0).append(" s).\n\n");
        out.append(String.format("  %-18s %-36s %s%n", "service", "health", "metrics"));
        for (ServiceProcess s : services) {
            out.append(String.format("  %-18s %-36s %s%n", s.name(), s.url("/q/health"), s.url("/q/metrics")));
        }
        out.append("\n  Kafka broker:   ").append(kafka.bootstrapServers()).append('\n');
        out.append("  PostgreSQL:     ").append(postgres.jdbcUrl("<triage|directory|kpi>"))
                .append(" (user postgres)\n");
        out.append("  PBX stand-in:   AMI on 127.0.0.1:").append(amiPort)
                .append(", replaying the recorded Asterisk transcripts in a loop\n");
        out.append("  Logs:           ").append(workDir.resolve("logs")).append('\n');
        out.append("\n  APIs other than health and metrics need a bearer token with a role. Dev tokens (DEV/TEST ONLY")
                .append(" key, any role):\n");
        out.append("    curl -H \"Authorization: Bearer $(deploy/local/token ops)\" ")
                .append(serviceUrl("kpi-service", "/...")).append('\n');
        out.append("    roles: ").append(String.join(" ", DevTokens.SWITCHBOARD_ROLES.stream().sorted().toList()))
                .append("; paths in each service's /q/openapi; see docs/operators/authentication.md\n");
        out.append("\n  Live wallboard (opened with a dev viewer token valid 8 h; DEV/TEST ONLY):\n    ")
                .append(serviceUrl("kpi-service", "/wallboard/#token="))
                .append(DevTokens.issue("local-wallboard", java.time.Duration.ofHours(8), "viewer", "ops")).append('\n');
        out.append("\n  Watch the call lifecycle (CloudEvents headers included):\n");
        out.append("    kcat -b ").append(kafka.bootstrapServers()).append(" -t ").append(Topics.CALLS_LIFECYCLE)
                .append(" -C -J\n");
        out.append("\n  Platform memory (RSS, all processes): ")
                .append(Memory.residentBytesOfTree(ProcessHandle.current()) / (1024 * 1024)).append(" MB\n");
        out.append("\nPress Ctrl-C to stop.\n");
        System.out.print(out);
    }

    private String serviceUrl(String name, String path) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().map(s -> s.url(path))
                .orElse("http://localhost:8084" + path);
    }

    private void reportUntilStopped(CountDownLatch stopped) throws InterruptedException {
        try (TopicCounts counts = new TopicCounts(kafka.bootstrapServers())) {
            while (!stopped.await(15, TimeUnit.SECONDS)) {
                Map<String, Long> now = counts.recordsPerTopic(List.of(Topics.CALLS_LIFECYCLE, Topics.AGENTS_STATE,
                        Topics.KPI_SNAPSHOTS, Topics.ROUTING_COMMANDS, Topics.TRIAGE_OUTCOMES, Topics.CALLS_OUTCOMES,
                        Topics.deadLetterOf(Topics.CALLS_LIFECYCLE)));
                StringBuilder line = new StringBuilder("records:");
                now.forEach((topic, n) -> line.append(' ').append(topic).append('=').append(n));
                services.stream().filter(s -> !s.isAlive())
                        .forEach(s -> line.append("  [").append(s.name()).append(" STOPPED, see ").append(s.log())
                                .append(']'));
                say(line.toString());
            }
        } catch (RuntimeException e) {
            if (stopped.getCount() > 0) {
                throw e;
            }
        }
    }

    private static int preferredPort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException taken) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                say("  port " + port + " is taken; using " + socket.getLocalPort());
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port on loopback", e);
            }
        }
    }

    Map<String, Integer> httpPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach(s -> ports.put(s.name(), s.httpPort()));
        return ports;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    long residentBytes() {
        return Memory.residentBytesOfTree(ProcessHandle.current());
    }

    @Override
    public synchronized void close() {
        for (ServiceProcess service : services) {
            service.close();
        }
        services.clear();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
        started.clear();
    }

    private static void say(String line) {
        System.out.println(line);
    }

    record Options(Path root, double speed, boolean exitWhenReady) {
        static Options parse(String[] args) {
            Path root = Path.of(".");
            double speed = 1.0;
            boolean exitWhenReady = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--root" -> root = Path.of(args[++i]);
                    case "--speed" -> speed = Double.parseDouble(args[++i]);
                    case "--exit-when-ready" -> exitWhenReady = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --root <dir>, --speed <factor>, --exit-when-ready)");
                }
            }
            return new Options(root, speed, exitWhenReady);
        }
    }
}
