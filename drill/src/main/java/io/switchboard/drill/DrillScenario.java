package io.switchboard.drill;

import io.switchboard.simulator.SimulationConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A readiness drill's scenario: the provider model (every simulator key, see simulator/README.md) plus the drill's
 * own {@code drill.*} keys: who is drilled, how fast, which faults, which thresholds and what must hold.
 */
public record DrillScenario(
        String name,
        String description,
        String provider,
        String region,
        double speed,
        List<Fault> faults,
        Map<String, String> policy,
        Expect expectContingency,
        boolean requireTargets,
        Triage triage,
        int directoryServices,
        SimulationConfig simulation,
        Path source) {

    /** What the drill requires of the contingency route. */
    public enum Expect {
        /** Not checked. */
        ANY,
        /** Must never engage (the staffing copes). */
        NEVER,
        /** Must engage, and be released again before the drill ends. */
        ENGAGED_AND_RELEASED;

        static Expect parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("drill.expect.contingency must be any, never or engaged-and-released,"
                        + " not " + value);
            }
        }
    }

    /** Something that goes wrong during the drill, at a local time of the simulated day. */
    public sealed interface Fault permits LinkDown, Restart {
        LocalDateTime at();

        String describe();
    }

    /** The PBX's AMI link fails from {@code at} until {@code until} (virtual time). */
    public record LinkDown(LocalDateTime at, LocalDateTime until) implements Fault {
        @Override
        public String describe() {
            return "PBX link down from " + at + " to " + until;
        }
    }

    /** A service is stopped and started again at {@code at}. */
    public record Restart(String service, LocalDateTime at) implements Fault {
        @Override
        public String describe() {
            return service + " restarted at " + at;
        }
    }

    /**
     * Simulated call handlers assessing answered calls through triage-service (on by default). The mix is
     * {@code group:share,...} as in {@link io.switchboard.simulator.handlers.DispositionMix}; callers are placed
     * near latitude/longitude.
     */
    public record Triage(boolean on, io.switchboard.simulator.handlers.DispositionMix mix, double latitude,
            double longitude) {
    }

    static final Set<String> SERVICES = Set.of("call-ingest", "triage-service", "directory-service", "kpi-service");
    private static final Set<String> KEYS = Set.of("drill.name", "drill.description", "drill.provider",
            "drill.region", "drill.speed", "drill.expect.contingency", "drill.expect.targets", "drill.triage",
            "drill.triage.mix", "drill.triage.latitude", "drill.triage.longitude", "drill.directory.services");
    /** kpi-service's contingency thresholds a scenario may set (switchboard.kpi.policy.*). */
    static final Set<String> POLICY_KEYS = Set.of("engage-waiting", "engage-longest-wait", "engage-answered-share",
            "min-answered", "release-waiting", "release-longest-wait", "release-answered-share", "hold-down",
            "max-hold-down");

    public static DrillScenario load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        try {
            return parse(properties, file);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static DrillScenario parse(Properties all, Path source) {
        Properties model = new Properties();
        Map<String, String> drill = new LinkedHashMap<>();
        for (String key : all.stringPropertyNames()) {
            String value = all.getProperty(key).trim();
            if (key.startsWith("drill.")) {
                drill.put(key, value);
            } else {
                model.setProperty(key, value);
            }
        }
        List<Fault> faults = new ArrayList<>();
        Map<String, String> policy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : drill.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("drill.fault.")) {
                faults.add(fault(key, e.getValue()));
            } else if (key.startsWith("drill.policy.")) {
                String name = key.substring("drill.policy.".length());
                if (!POLICY_KEYS.contains(name)) {
                    throw new IllegalArgumentException("unknown key " + key + " (policy keys: " + POLICY_KEYS + ")");
                }
                policy.put(name, e.getValue());
            } else if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key " + key + " (drill keys: " + KEYS
                        + ", drill.fault.N, drill.policy.<" + String.join("|", POLICY_KEYS) + ">)");
            }
        }
        faults.sort(java.util.Comparator.comparing(Fault::at));
        boolean triageOn = switch (drill.getOrDefault("drill.triage", "on")) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("drill.triage must be on or off");
        };
        if (triageOn && !model.containsKey("transfer-share")) {
            // Transfers to the clinician queue come from triage's transfer-to-clinician dispositions instead.
            model.setProperty("transfer-share", "0");
        }
        Triage triage = new Triage(triageOn, drill.containsKey("drill.triage.mix")
                ? io.switchboard.simulator.handlers.DispositionMix.parse(drill.get("drill.triage.mix"))
                : io.switchboard.simulator.handlers.DispositionMix.nhs111(),
                Double.parseDouble(drill.getOrDefault("drill.triage.latitude", "53.4808")),
                Double.parseDouble(drill.getOrDefault("drill.triage.longitude", "-2.2426")));
        int directoryServices = Integer.parseInt(drill.getOrDefault("drill.directory.services", "20000"));
        SimulationConfig simulation = SimulationConfig.fromProperties(model);
        double speed = Double.parseDouble(drill.getOrDefault("drill.speed", "60"));
        if (!(speed >= 1 && speed <= 600)) {
            throw new IllegalArgumentException("drill.speed must be from 1 to 600 (virtual seconds per second), not "
                    + speed);
        }
        String name = drill.getOrDefault("drill.name", source == null ? "drill" : source.getFileName().toString());
        return new DrillScenario(name, drill.getOrDefault("drill.description", ""),
                drill.getOrDefault("drill.provider", "drill-provider"), drill.getOrDefault("drill.region", "drill-region"),
                speed, List.copyOf(faults), Map.copyOf(policy),
                Expect.parse(drill.getOrDefault("drill.expect.contingency", "any")),
                targets(drill.getOrDefault("drill.expect.targets", "not-required")), triage, directoryServices,
                simulation, source);
    }

    private static boolean targets(String value) {
        return switch (value) {
            case "met" -> true;
            case "not-required" -> false;
            default -> throw new IllegalArgumentException("drill.expect.targets must be met or not-required, not "
                    + value);
        };
    }

    private static Fault fault(String key, String value) {
        String[] f = value.split(",");
        try {
            return switch (f[0].trim()) {
                case "pbx-link-down" -> {
                    if (f.length != 3) {
                        throw new IllegalArgumentException("write " + key + " = pbx-link-down,<from>,<to>");
                    }
                    LocalDateTime from = LocalDateTime.parse(f[1].trim());
                    LocalDateTime to = LocalDateTime.parse(f[2].trim());
                    if (!to.isAfter(from)) {
                        throw new IllegalArgumentException(key + ": the link must come back after it went down");
                    }
                    yield new LinkDown(from, to);
                }
                case "restart" -> {
                    if (f.length != 3 || !SERVICES.contains(f[1].trim())) {
                        throw new IllegalArgumentException("write " + key + " = restart,<service>,<at>, service one of "
                                + SERVICES);
                    }
                    yield new Restart(f[1].trim(), LocalDateTime.parse(f[2].trim()));
                }
                default -> throw new IllegalArgumentException(key + ": unknown fault " + f[0].trim()
                        + " (pbx-link-down, restart)");
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": times are local date-times like 2013-03-30T10:00, not "
                    + e.getParsedString(), e);
        }
    }

    DrillScenario withSpeed(double newSpeed) {
        return new DrillScenario(name, description, provider, region, newSpeed, faults, policy, expectContingency,
                requireTargets, triage, directoryServices, simulation, source);
    }

    /** kpi-service's configuration for this drill, as environment variables. */
    Map<String, String> kpiEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        policy.forEach((k, v) -> env.put("SWITCHBOARD_KPI_POLICY_" + k.toUpperCase(Locale.ROOT).replace('-', '_'), v));
        return env;
    }

    /** Virtual seconds from the simulation's start to a local time. */
    double secondsAt(LocalDateTime local) {
        return simulation.secondsAt(local);
    }

    Duration simulated() {
        return simulation.duration;
    }
}
