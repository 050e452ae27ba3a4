package io.switchboard.local;

import io.switchboard.events.Topics;
import io.switchboard.localinfra.DevTokens;
import io.switchboard.localinfra.ServiceProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/local/run}: the whole platform on this machine with the call-centre simulator as its PBX, a summary
 * every 15 s, everything stopped on Ctrl-C.
 */
public final class LocalPlatformMain {

    static final int AMI_PORT = 5038;
    static final String PROVIDER = "local-provider";
    static final String REGION = "local-region";

    private LocalPlatformMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LocalPlatform platform = new LocalPlatform(options.root(), options.root().resolve(".local-platform"), false);
        DemoTraffic[] traffic = new DemoTraffic[1];
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Switchboard...");
            if (traffic[0] != null) {
                traffic[0].close();
            }
            platform.close();
            stopped.countDown();
        }, "local-platform-stop"));
        long t0 = System.nanoTime();
        try {
            LocalPlatform.say("Starting Kafka (KRaft, own JVM) and PostgreSQL (embedded)...");
            platform.startInfrastructure();
            traffic[0] = DemoTraffic.start(freeOr(AMI_PORT), options.speed(), options.seed());
            LocalPlatform.say("Starting the four services...");
            platform.startServices(traffic[0].pbx(), serviceEnvironment());
            traffic[0].attachHandlers(platform);
        } catch (RuntimeException e) {
            System.err.println("\nThe local platform could not start: " + e.getMessage());
            System.exit(1);
        }
        printWhereToLook(platform, traffic[0], (System.nanoTime() - t0) / 1_000_000, options.speed());
        if (options.exitWhenReady()) {
            System.exit(0);
        }
        reportUntilStopped(platform, traffic[0], stopped);
    }

    /** The synthetic national directory of services, loaded at first start (about 15 s; kept in PostgreSQL). */
    static final int DIRECTORY_SERVICES = 100_000;

    static Map<String, String> serviceEnvironment() {
        return Map.of("SWITCHBOARD_PROVIDER", PROVIDER, "SWITCHBOARD_REGION", REGION,
                "SWITCHBOARD_DIRECTORY_SYNTHETIC_SERVICES", Integer.toString(DIRECTORY_SERVICES));
    }

    private static int freeOr(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return port;
        } catch (java.io.IOException taken) {
            return 0;
        }
    }

    private static void printWhereToLook(LocalPlatform platform, DemoTraffic traffic, long elapsedMs, double speed) {
        StringBuilder out = new StringBuilder();
        out.append("\nSwitchboard is running (ready in ").append(elapsedMs / 1000.0).append(" s).\n\n");
        out.append(String.format("  %-18s %-36s %s%n", "service", "health", "metrics"));
        for (ServiceProcess s : platform.services()) {
            out.append(String.format("  %-18s %-36s %s%n", s.name(), s.url("/q/health"), s.url("/q/metrics")));
        }
        out.append("\n  Kafka broker:   ").append(platform.bootstrapServers()).append('\n');
        out.append("  PostgreSQL:     ").append(platform.jdbcUrl("<triage|directory|kpi>")).append(" (user postgres)\n");
        out.append("  PBX:            the call-centre simulator, AMI on 127.0.0.1:").append(traffic.pbx().port())
                .append(", replaying the past week of a provider (").append(PROVIDER).append(", ").append(REGION)
                .append(") at ").append(speed).append("x\n");
        out.append("  Logs:           ").append(platform.logs()).append('\n');
        out.append("\n  APIs other than health and metrics need a bearer token with a role. Dev tokens (DEV/TEST ONLY")
                .append(" key, any role):\n");
        out.append("    curl -H \"Authorization: Bearer $(deploy/local/token ops)\" ")
                .append(platform.serviceUrl("kpi-service", "/ops/contingency")).append('\n');
        out.append("    roles: ").append(String.join(" ", DevTokens.SWITCHBOARD_ROLES.stream().sorted().toList()))
                .append("; paths in each service's /q/openapi; see docs/operators/authentication.md\n");
        out.append("\n  Live wallboard (opened with a dev viewer token valid 8 h; DEV/TEST ONLY):\n    ")
                .append(platform.serviceUrl("kpi-service", "/wallboard/#token="))
                .append(DevTokens.issue("local-wallboard", java.time.Duration.ofHours(8), "viewer", "ops")).append('\n');
        out.append("\n  Simulated call handlers assess every answered call through triage-service's API (NHS 111-like")
                .append(" disposition mix); directory-service chooses services from a synthetic national directory of ")
                .append(DIRECTORY_SERVICES).append(".\n  Watch the call outcomes other NHS systems consume:\n");
        out.append("    kcat -b ").append(platform.bootstrapServers()).append(" -t ").append(Topics.CALLS_OUTCOMES)
                .append(" -C -J\n");
        out.append("\n  Watch the call lifecycle (CloudEvents headers included):\n");
        out.append("    kcat -b ").append(platform.bootstrapServers()).append(" -t ").append(Topics.CALLS_LIFECYCLE)
                .append(" -C -J\n");
        out.append("\n  Platform memory (RSS, all processes): ").append(platform.residentBytes() / (1024 * 1024))
                .append(" MB\n");
        out.append("\nPress Ctrl-C to stop.\n");
        System.out.print(out);
    }

    private static void reportUntilStopped(LocalPlatform platform, DemoTraffic traffic, CountDownLatch stopped)
            throws InterruptedException {
        try (LiveSummary summary = new LiveSummary(platform.bootstrapServers())) {
            while (!stopped.await(15, TimeUnit.SECONDS)) {
                StringBuilder line = new StringBuilder("[").append(traffic.virtualNow().toLocalDateTime()
                        .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).append("] ").append(summary.update());
                platform.services().stream().filter(s -> !s.isAlive())
                        .forEach(s -> line.append("  [").append(s.name()).append(" STOPPED, see ").append(s.log())
                                .append(']'));
                LocalPlatform.say(line.toString());
            }
        } catch (RuntimeException e) {
            if (stopped.getCount() > 0) {
                throw e;
            }
        }
    }

    record Options(Path root, double speed, long seed, boolean exitWhenReady) {
        static Options parse(String[] args) {
            Path root = Path.of(".");
            double speed = 20;
            long seed = 1;
            boolean exitWhenReady = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--root" -> root = Path.of(args[++i]);
                    case "--speed" -> speed = Double.parseDouble(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--exit-when-ready" -> exitWhenReady = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --root <dir>, --speed <factor>, --seed <n>, --exit-when-ready)");
                }
            }
            if (!(speed > 0) || speed > 100) {
                throw new IllegalArgumentException("--speed must be above 0 and at most 100 (a week at 100x takes"
                        + " 100 minutes; faster would stamp events in the future)");
            }
            return new Options(root, speed, seed, exitWhenReady);
        }
    }
}
