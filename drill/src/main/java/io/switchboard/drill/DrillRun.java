package io.switchboard.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.amireplay.AmiMessage;
import io.switchboard.amireplay.AmiReplayServer;
import io.switchboard.events.EventJson;
import io.switchboard.local.LocalPlatform;
import io.switchboard.localinfra.DevTokens;
import io.switchboard.simulator.CallTruth;
import io.switchboard.simulator.Simulation;
import io.switchboard.simulator.SimulatorServer;
import io.switchboard.simulator.handlers.SimulatedHandlers;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Runs one scenario through the whole platform: the simulator is the PBX, call-ingest connects to it, kpi-service
 * decides, and its routing commands come back to the simulator's switch through call-ingest. Faults are applied at
 * their virtual times. Then it compares what the platform published with the simulator's ground truth.
 */
final class DrillRun {

    /** How long the platform may take, after the PBX's last call ended, to publish every call's end. */
    static final Duration SETTLE = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final DrillScenario scenario;
    private final Path root;
    private final Path workDir;
    private final Progress progress;
    /** When the PBX's contingency switch actually changed (virtual time), from its own VarSet events. */
    private final List<DrillReport.SwitchChange> switchChanges = new CopyOnWriteArrayList<>();
    private final List<DrillReport.AppliedFault> appliedFaults = new CopyOnWriteArrayList<>();

    DrillRun(DrillScenario scenario, Path root, Path workDir, Progress progress) {
        this.scenario = scenario;
        this.root = root;
        this.workDir = workDir;
        this.progress = progress;
    }

    DrillReport run() throws IOException, InterruptedException {
        long wallStart = System.nanoTime();
        IntervalFigures withoutContingency = withoutContingency();
        Simulation simulation = new Simulation(scenario.simulation());
        String variable = scenario.simulation().contingencyVariable;
        simulation.addListener(message -> watchSwitch(message, variable));
        try (LocalPlatform platform = new LocalPlatform(root, workDir, true)) {
            progress.say("Starting Kafka and PostgreSQL...");
            platform.startInfrastructure();
            try (SimulatorServer pbx = SimulatorServer.builder(simulation).port(0).speed(scenario.speed())
                    .startWhenTold().start()) {
                progress.say("Starting the four services...");
                platform.startServices(new LocalPlatform.Pbx(pbx.port(), AmiReplayServer.DEFAULT_USERNAME,
                        AmiReplayServer.DEFAULT_SECRET), environment());
                try (PlatformObserver observer = new PlatformObserver(platform.bootstrapServers(), scenario.region())) {
                    if (!awaitUpTo(Duration.ofSeconds(60), () -> pbx.logins() > 0)) {
                        throw new IllegalStateException("call-ingest did not log in to the simulated PBX within 60 s;"
                                + " see " + platform.logs().resolve("call-ingest.log"));
                    }
                    SimulatedHandlers handlers = scenario.triage().on() ? handlers(platform, simulation) : null;
                    pbx.startClock();
                    simulate(simulation, pbx, platform, observer);
                    List<CallTruth> truth = simulation.groundTruth().calls();
                    progress.say("The PBX's last call ended; waiting for the platform to publish every end and"
                            + " every call outcome...");
                    // Calls that lived entirely inside a link outage will never show up: do not wait for them.
                    List<DrillReport.BlindWindow> blind = DrillReport.blindWindows(List.copyOf(appliedFaults),
                            scenario.simulation().start.getZone());
                    java.util.Set<String> visible = truth.stream()
                            .filter(c -> !DrillReport.BlindWindow.anyHides(blind, c)).map(DrillReport::callId)
                            .collect(java.util.stream.Collectors.toSet());
                    awaitUpTo(SETTLE.multipliedBy(2), () -> observer.finishedAmong(visible) >= visible.size());
                    handlerStats = handlers == null ? null : handlers.stats();
                    if (handlers != null) {
                        handlers.close();
                    }
                    TreeMap<Instant, IntervalFigures> expected = IntervalFigures.fromTruth(truth);
                    TreeMap<Instant, IntervalFigures> measured = awaitKpis(platform, expected);
                    // A decision made near the end is still on its way to the PBX: let every one be carried out.
                    awaitUpTo(Duration.ofSeconds(30),
                            () -> observer.contingencyStates().size() >= observer.contingencyCommands().size());
                    writeLifecycle(observer.lifecycle());
                    return DrillReport.build(scenario, truth, expected, measured, observer, switchChanges,
                            appliedFaults, withoutContingency, handlerStats, (System.nanoTime() - wallStart) / 1e9);
                }
            }
        }
    }

    /**
     * The same callers (same seed, so the same arrivals and patience) with nobody to engage the contingency switch:
     * what the day would have been like without automatic failover, as in 2013.
     */
    private IntervalFigures withoutContingency() {
        try (Simulation alone = Simulation.withoutAmi(scenario.simulation())) {
            alone.runToEnd();
            return IntervalFigures.fromTruth(alone.groundTruth().calls()).values().stream()
                    .reduce(IntervalFigures.NONE, IntervalFigures::plus);
        }
    }

    /** The lifecycle as the platform published it, one JSON event per line, next to the report. */
    private void writeLifecycle(List<io.switchboard.events.CallLifecycleEvent> events) throws IOException {
        try (java.io.BufferedWriter out = java.nio.file.Files.newBufferedWriter(workDir.resolveSibling("lifecycle.jsonl"))) {
            for (io.switchboard.events.CallLifecycleEvent e : events) {
                out.write(EventJson.toJson(e));
                out.newLine();
            }
        }
    }

    private SimulatedHandlers.Stats handlerStats;

    /** Handlers at their desks: every caller the PBX connects to a triage handler is assessed through the API. */
    private SimulatedHandlers handlers(LocalPlatform platform, Simulation simulation)
            throws IOException, InterruptedException {
        String token = DevTokens.issue("simulated-handler", Duration.ofHours(12), "call-handler");
        SimulatedHandlers handlers = new SimulatedHandlers(new SimulatedHandlers.Settings(
                URI.create(platform.serviceUrl("triage-service", "/")), () -> token, LocalPlatform.PBX_ID,
                scenario.triage().mix(), scenario.simulation().seed, scenario.triage().latitude(),
                scenario.triage().longitude(), 8));
        handlers.attachTo(simulation);
        return handlers;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(scenario.kpiEnvironment());
        env.put("SWITCHBOARD_DIRECTORY_SYNTHETIC_SERVICES", Integer.toString(scenario.directoryServices()));
        env.put("SWITCHBOARD_PROVIDER", scenario.provider());
        env.put("SWITCHBOARD_REGION", scenario.region());
        return env;
    }

    private void simulate(Simulation simulation, SimulatorServer pbx, LocalPlatform platform,
            PlatformObserver observer) throws InterruptedException {
        List<DrillScenario.Fault> pending = new ArrayList<>(scenario.faults());
        List<Thread> restarts = new ArrayList<>();
        double total = scenario.simulated().toSeconds();
        while (!simulation.awaitFinished(Duration.ofMillis(500))) {
            double now = simulation.virtualNow();
            while (!pending.isEmpty() && scenario.secondsAt(pending.get(0).at()) <= now) {
                DrillScenario.Fault fault = pending.remove(0);
                restarts.add(apply(fault, pbx, platform, simulation));
            }
            progress.update(Math.min(now, total) / total, scenario.simulation().localTime(now),
                    simulation.groundTruth().calls().size(), observer.endedCalls(), engaged());
        }
        progress.update(1.0, scenario.simulation().localTime(simulation.virtualNow()),
                simulation.groundTruth().calls().size(), observer.endedCalls(), engaged());
        progress.done();
        for (Thread t : restarts) {
            t.join();
        }
    }

    /**
     * Applies a fault and returns the thread that waits for the platform to recover from it. A fault that blinds
     * call-ingest (the link, or call-ingest itself) lasts, for the report, until call-ingest logs in to the PBX again.
     */
    private Thread apply(DrillScenario.Fault fault, SimulatorServer pbx, LocalPlatform platform, Simulation simulation) {
        progress.say("FAULT: " + fault.describe());
        String wall = Instant.now().toString();
        int loginsBefore = pbx.logins();
        boolean blinds = fault instanceof DrillScenario.LinkDown
                || fault instanceof DrillScenario.Restart r && r.service().equals("call-ingest");
        String blindFrom = blinds ? localNow(simulation) : null;
        if (fault instanceof DrillScenario.LinkDown down) {
            double virtualSeconds = scenario.secondsAt(down.until()) - scenario.secondsAt(down.at());
            pbx.cutLink(Duration.ofMillis((long) (virtualSeconds / scenario.speed() * 1000)));
        }
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            String result;
            String blindTo = null;
            try {
                if (fault instanceof DrillScenario.Restart restart) {
                    platform.restart(restart.service());
                }
                if (blinds && !awaitUpTo(Duration.ofMinutes(2), () -> pbx.logins() > loginsBefore)) {
                    throw new IllegalStateException("call-ingest did not log in to the PBX again within 2 minutes");
                }
                blindTo = blinds ? localNow(simulation) : null;
                result = String.format(java.util.Locale.ROOT, "recovered after %.1f s", (System.nanoTime() - t0) / 1e9);
            } catch (Exception e) {
                result = "did not come back: " + e.getMessage();
            }
            appliedFaults.add(new DrillReport.AppliedFault(fault.describe(), wall, result, blindFrom, blindTo));
            progress.say("  " + fault.describe() + ": " + result);
        }, "drill-fault");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private String localNow(Simulation simulation) {
        return scenario.simulation().localTime(simulation.virtualNow()).toString();
    }

    private Boolean engaged() {
        return switchChanges.isEmpty() ? null : switchChanges.get(switchChanges.size() - 1).engaged();
    }

    private void watchSwitch(AmiMessage message, String variable) {
        if ("VarSet".equals(message.eventName()) && "none".equals(message.get("Channel"))
                && variable.equals(message.get("Variable")) && message.has("Timestamp")) {
            long micros = new BigDecimal(message.get("Timestamp")).movePointRight(6).longValue();
            Instant at = Instant.ofEpochSecond(0).plusNanos(micros * 1000);
            switchChanges.add(new DrillReport.SwitchChange(at, "1".equals(message.get("Value"))));
        }
    }

    /**
     * kpi-service's 15-minute history for the drilled region. The service processes events moments after they are
     * published, so the history is read until its totals equal the truth's or the settle time runs out.
     */
    private TreeMap<Instant, IntervalFigures> awaitKpis(LocalPlatform platform,
            TreeMap<Instant, IntervalFigures> expected) throws InterruptedException {
        IntervalFigures want = expected.values().stream().reduce(IntervalFigures.NONE, IntervalFigures::plus);
        Instant from = expected.isEmpty() ? Instant.now() : expected.firstKey();
        Instant to = expected.isEmpty() ? from : expected.lastKey().plusMillis(IntervalFigures.INTERVAL_MILLIS);
        String url = platform.serviceUrl("kpi-service", "/kpis/history?window=fixed-15m&queue=all&from="
                + enc(from.toString()) + "&to=" + enc(to.toString()) + "&region=" + enc(scenario.region())
                + "&provider=" + enc(scenario.provider()));
        String token = DevTokens.issue("readiness-drill", Duration.ofHours(1), "viewer");
        java.util.concurrent.atomic.AtomicReference<TreeMap<Instant, IntervalFigures>> last =
                new java.util.concurrent.atomic.AtomicReference<>(new TreeMap<>());
        awaitUpTo(Duration.ofSeconds(60), () -> {
            try {
                HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    return false; // 503 while kpi-service's stores rebuild (after a restart fault)
                }
                JsonNode body = EventJson.readTree(response.body());
                last.set(IntervalFigures.fromKpiHistory(body));
                return last.get().values().stream().reduce(IntervalFigures.NONE, IntervalFigures::plus).equals(want);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        });
        return last.get();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Polls a condition the drill cannot be told about (another process's progress) until it holds or time runs out. */
    static boolean awaitUpTo(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }
}
