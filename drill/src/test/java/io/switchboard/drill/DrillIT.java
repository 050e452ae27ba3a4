package io.switchboard.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drills end to end: the simulator as the PBX, the packaged call-ingest and kpi-service (with triage and directory
 * running) on a real broker and PostgreSQL, routing commands back to the simulator's switch.
 */
class DrillIT {

    static final Path ROOT = Path.of(System.getProperty("switchboard.root", ".."));

    static DrillReport run(String name, String scenario) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DrillReport report = DrillMain.runAndWrite(DrillScenarioTest.parse(scenario), ROOT,
                Path.of("target/drills", name), new Progress(new PrintStream(progress, true, StandardCharsets.UTF_8),
                        false));
        System.out.println(progress.toString(StandardCharsets.UTF_8));
        report.checks().forEach(c -> System.out.println((c.passed() ? "ok   " : "FAIL ") + c.name() + ": " + c.detail()));
        assertThat(progress.toString(StandardCharsets.UTF_8)).as("the progress bar reached the end").contains("100%");
        return report;
    }

    @Test
    void aShortDrillPassesWithKpisEqualToTheGroundTruth() throws Exception {
        DrillReport report = run("short", """
                drill.name = short
                drill.region = drill-north
                drill.provider = drill-111
                drill.speed = 120
                drill.expect.contingency = never
                seed = 21
                start = 2026-11-16T09:00
                hours = 1
                calls-per-hour = 150
                """);
        assertThat(report.truthTotals().get("offered")).as("enough calls to mean something").isGreaterThan(100);
        assertThat(report.platformTotals()).isEqualTo(report.truthTotals());
        assertThat(report.intervals()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.compared()).isTrue();
            assertThat(i.platform()).isEqualTo(i.truth());
        });
        assertThat(report.callsLost()).isZero();
        assertThat(report.decisions()).isEmpty();
        assertThat(report.outcomes().byResult()).containsKeys("service-chosen", "no-service-needed");
        assertThat(report.outcomes().transfersToClinician().getOrDefault("applied", 0L))
                .as("handlers' transfer-to-clinician dispositions carried out on the PBX through the routing path")
                .isPositive();
        assertThat(report.verdict()).isEqualTo("PASS");
        assertThat(Files.readString(Path.of("target/drills/short/report.json"))).contains("\"verdict\" : \"PASS\"");
        assertThat(Files.readString(Path.of("target/drills/short/report.html"))).contains("<svg")
                .contains("Platform KPIs equal the ground truth");
    }

    @Test
    void anUnderStaffedSurgeEngagesContingencyAndReleasesItAfterwards() throws Exception {
        DrillReport report = run("surge", """
                drill.name = surge
                drill.region = drill-south
                drill.provider = drill-111
                drill.speed = 60
                drill.expect.contingency = engaged-and-released
                drill.policy.engage-waiting = 6
                drill.policy.release-waiting = 2
                drill.policy.hold-down = 5m
                seed = 5
                start = 2026-11-16T10:00
                hours = 2
                calls-per-hour = 200
                handlers = 40
                surge.1 = 2026-11-16T10:10,2026-11-16T10:25,2.5
                queue-timeout = 0
                """);
        List<DrillReport.ContingencyDecision> decisions = report.decisions();
        assertThat(decisions).as("engaged during the surge").isNotEmpty();
        assertThat(decisions.get(0).engage()).isTrue();
        assertThat(decisions.get(0).localAt()).isBetween("2026-11-16T10:10", "2026-11-16T10:40");
        assertThat(decisions.get(decisions.size() - 1).engage()).as("released at the end").isFalse();
        assertThat(report.switchChanges()).as("the PBX's own switch followed").hasSizeGreaterThanOrEqualTo(2);
        assertThat(report.switchChanges().get(0).engaged()).isTrue();
        assertThat(report.switchChanges().get(report.switchChanges().size() - 1).engaged()).isFalse();
        assertThat(report.truthTotals().get("contingencyRouted")).as("callers went to the contingency desk")
                .isPositive();
        assertThat(report.withoutContingency().totals().get("contingencyRouted"))
                .as("the baseline is the same callers with nobody to engage the switch").isZero();
        assertThat(report.callsLost()).isZero();
        assertThat(report.platformTotals()).isEqualTo(report.truthTotals());
        assertThat(report.verdict()).isEqualTo("PASS");
    }
}
