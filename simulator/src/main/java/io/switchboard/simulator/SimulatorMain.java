package io.switchboard.simulator;

import io.switchboard.amireplay.AmiReplayServer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Runs the simulator from the command line:
 * <pre>
 * java -cp ... io.switchboard.simulator.SimulatorMain --port 5038 --seed 1 --speed 60 \
 *      --calls-per-hour 120 --handlers 20 --hours 8 --ground-truth target/truth.jsonl
 * </pre>
 * Prints one line, {@code AMI simulator listening on 127.0.0.1:<port>}, once it accepts connections. The virtual
 * clock starts when the first AMI client logs in (unless {@code --start-now}). Any model setting can be given as
 * {@code --<key> <value>} or in a {@code --scenario file.properties} (keys as in README.md; the command line wins).
 * With {@code --exit-when-done} it stops once every call has ended, printing the ground-truth summary; otherwise it
 * runs, idle like a quiet PBX, until killed.
 */
public final class SimulatorMain {

    static final String USAGE = """
            usage: SimulatorMain [--port 5038] [--speed 60|max] [--seed 1] [--scenario file.properties]
                                 [--ground-truth truth.jsonl] [--start-now] [--exit-when-done]
                                 [--username harness --secret harness-secret] [--<model setting> <value> ...]
              model settings (see README.md): hours, duration, start, zone, calls-per-hour, weekday-calls,
              saturday-calls, sunday-calls, volume-scale, bank-holidays, bank-holiday-multiplier, surge.N,
              handlers, clinicians, shortfall.N, talk, wrap-up, patience, ring, ring-no-answer, queue-timeout,
              clinician-queue-timeout, clinician-patience, clinician-talk, consult, contingency-answer,
              contingency-talk, transfer-share, attended-share, agent-hangup-share, clinician-hangup-share,
              contingency-variable, contingency-engaged, dialled-number, breaks-every, break-length, timestamps,
              random-arrivals""";

    private SimulatorMain() {
    }

    /** What the command line asked for. */
    record Options(SimulationConfig config, int port, double speed, Path groundTruth, boolean startNow,
            boolean exitWhenDone, String username, String secret) {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        Simulation simulation = new Simulation(options.config());
        if (options.groundTruth() != null) {
            simulation.groundTruth().writeTo(options.groundTruth());
        }
        SimulatorServer server = SimulatorServer.builder(simulation)
                .port(options.port())
                .speed(options.speed())
                .startOnLogin(!options.startNow())
                .credentials(options.username(), options.secret())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "simulator-shutdown"));
        System.out.println("AMI simulator listening on " + AmiReplayServer.HOST + ":" + server.port());
        System.out.flush();
        while (!simulation.awaitFinished(Duration.ofSeconds(60))) {
            // runs until every call has ended
        }
        System.out.println("simulation complete: " + simulation.groundTruth().summary());
        System.out.flush();
        simulation.groundTruth().close();
        if (options.exitWhenDone()) {
            server.close();
            return;
        }
        Thread.currentThread().join(); // idle PBX until killed
    }

    /** Null for --help. */
    static Options parse(String[] args) throws IOException {
        Properties settings = new Properties();
        Properties commandLine = new Properties();
        int port = 5038;
        double speed = 60;
        Path truth = null;
        boolean startNow = false;
        boolean exitWhenDone = false;
        String username = AmiReplayServer.DEFAULT_USERNAME;
        String secret = AmiReplayServer.DEFAULT_SECRET;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String key = arg.substring(2);
            switch (key) {
                case "start-now" -> {
                    startNow = true;
                    continue;
                }
                case "exit-when-done" -> {
                    exitWhenDone = true;
                    continue;
                }
                default -> {
                    // takes a value
                }
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            switch (key) {
                case "port" -> port = Integer.parseInt(value);
                case "speed" -> speed = value.equalsIgnoreCase("max") ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(value);
                case "ground-truth" -> truth = Path.of(value);
                case "username" -> username = value;
                case "secret" -> secret = value;
                case "scenario" -> {
                    try (Reader reader = Files.newBufferedReader(Path.of(value), StandardCharsets.UTF_8)) {
                        settings.load(reader);
                    }
                }
                default -> commandLine.setProperty(key.toLowerCase(Locale.ROOT), value);
            }
        }
        settings.putAll(commandLine);
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed must be positive or max");
        }
        SimulationConfig config = SimulationConfig.fromProperties(settings);
        return new Options(config, port, speed, truth, startNow, exitWhenDone, username, secret);
    }
}
