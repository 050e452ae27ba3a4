package io.switchboard.drill;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.switchboard.events.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code drill/run <scenario>}: runs a readiness drill through the whole platform and writes its report. Exit code 0
 * when the drill passes, 1 when it fails, 2 when it could not run.
 */
public final class DrillMain {

    private DrillMain() {
    }

    public static void main(String[] args) {
        Path scenarioFile = null;
        Path out = null;
        Path root = Path.of(".");
        Double speed = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--root" -> root = Path.of(args[++i]);
                    case "--speed" -> speed = Double.parseDouble(args[++i]);
                    default -> {
                        if (args[i].startsWith("--") || scenarioFile != null) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        scenarioFile = Path.of(args[i]);
                    }
                }
            }
            if (scenarioFile == null) {
                throw new IllegalArgumentException("name a scenario file, e.g. deploy/scenarios/weekday.properties");
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() + "\nusage: drill/run <scenario.properties> [--out <dir>] [--speed <x>]");
            System.exit(2);
            return;
        }
        try {
            DrillScenario scenario = DrillScenario.load(scenarioFile);
            if (speed != null) {
                scenario = scenario.withSpeed(speed);
            }
            if (out == null) {
                out = root.resolve("target/drills").resolve(scenario.name());
            }
            DrillReport report = runAndWrite(scenario, root, out, Progress.onConsole());
            System.out.println();
            report.checks().forEach(c -> System.out.printf("  %-4s %s: %s%n", c.passed() ? "ok" : "FAIL", c.name(),
                    c.detail()));
            System.out.println("\n" + report.verdict() + "  " + report.summary());
            System.out.println("Report: " + out.resolve("report.html").toAbsolutePath() + " (and report.json)");
            System.exit(report.verdict().equals("PASS") ? 0 : 1);
        } catch (Exception e) {
            System.err.println("\nThe drill could not run: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the drill and writes report.json and report.html into {@code out}. */
    static DrillReport runAndWrite(DrillScenario scenario, Path root, Path out, Progress progress) throws Exception {
        Files.createDirectories(out);
        progress.say("Readiness drill " + scenario.name() + ": " + scenario.simulation().start.toLocalDateTime()
                + " for " + scenario.simulated() + " at " + scenario.speed() + "x");
        DrillReport report = new DrillRun(scenario, root, out.resolve("platform"), progress).run();
        Files.writeString(out.resolve("report.json"), EventJson.mapper().copy()
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        Files.writeString(out.resolve("report.html"), HtmlReport.render(report));
        return report;
    }
}
