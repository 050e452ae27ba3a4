package io.switchboard.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DrillScenarioTest {

    static final Path SCENARIOS = Path.of(System.getProperty("switchboard.root", "..")).resolve("deploy/scenarios");

    static DrillScenario parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return DrillScenario.parse(p, Path.of("test.properties"));
    }

    @Test
    void everyShippedScenarioLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SCENARIOS)) {
            files = list.filter(f -> f.toString().endsWith(".properties")).sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("easter-2013.properties",
                "pbx-link-failure.properties", "saturday-peak.properties", "weekday.properties");
        for (Path file : files) {
            DrillScenario scenario = DrillScenario.load(file);
            assertThat(scenario.name()).isEqualTo(file.getFileName().toString().replace(".properties", ""));
            assertThat(scenario.description()).isNotBlank();
        }
    }

    @Test
    void easter2013DrivesTheContingencyRoute() throws IOException {
        DrillScenario easter = DrillScenario.load(SCENARIOS.resolve("easter-2013.properties"));
        assertThat(easter.expectContingency()).isEqualTo(DrillScenario.Expect.ENGAGED_AND_RELEASED);
        assertThat(easter.simulation().start.toLocalDate()).hasToString("2013-03-30");
        assertThat(easter.simulation().queueTimeout).as("2013 had no queue timeout to a contingency route").isZero();
    }

    @Test
    void drillKeysAreSplitFromModelKeysAndFaultsAreOrdered() throws IOException {
        DrillScenario s = parse("""
                drill.region = r1
                drill.speed = 30
                drill.fault.2 = restart,kpi-service,2026-11-16T11:00
                drill.fault.1 = pbx-link-down,2026-11-16T10:30,2026-11-16T10:35
                drill.policy.engage-waiting = 6
                drill.policy.hold-down = 5m
                start = 2026-11-16T10:00
                hours = 2
                calls-per-hour = 100
                """);
        assertThat(s.region()).isEqualTo("r1");
        assertThat(s.speed()).isEqualTo(30);
        assertThat(s.faults()).containsExactly(
                new DrillScenario.LinkDown(LocalDateTime.parse("2026-11-16T10:30"), LocalDateTime.parse("2026-11-16T10:35")),
                new DrillScenario.Restart("kpi-service", LocalDateTime.parse("2026-11-16T11:00")));
        assertThat(s.kpiEnvironment()).containsEntry("SWITCHBOARD_KPI_POLICY_ENGAGE_WAITING", "6")
                .containsEntry("SWITCHBOARD_KPI_POLICY_HOLD_DOWN", "5m").hasSize(2);
        assertThat(s.secondsAt(LocalDateTime.parse("2026-11-16T10:30"))).isEqualTo(1800.0);
    }

    @Test
    void mistakesAreNamedNotIgnored() {
        assertThatThrownBy(() -> parse("drill.regoin = r1\n")).hasMessageContaining("unknown key drill.regoin");
        assertThatThrownBy(() -> parse("drill.policy.engage-wait = 3\n"))
                .hasMessageContaining("unknown key drill.policy.engage-wait");
        assertThatThrownBy(() -> parse("drill.fault.1 = restart,kafka,2026-11-16T10:00\n"))
                .hasMessageContaining("service one of");
        assertThatThrownBy(() -> parse("drill.fault.1 = pbx-link-down,2026-11-16T10:05,2026-11-16T10:00\n"))
                .hasMessageContaining("must come back after");
        assertThatThrownBy(() -> parse("drill.fault.1 = pbx-link-down,10:00,10:05\n"))
                .hasMessageContaining("local date-times like 2013-03-30T10:00");
        assertThatThrownBy(() -> parse("drill.fault.1 = flood,2026-11-16T10:00\n")).hasMessageContaining("unknown fault flood");
        assertThatThrownBy(() -> parse("drill.expect.contingency = sometimes\n"))
                .hasMessageContaining("any, never or engaged-and-released");
        assertThatThrownBy(() -> parse("drill.speed = 0\n")).hasMessageContaining("drill.speed must be from 1 to 600");
        assertThatThrownBy(() -> parse("handlerz = 4\n")).hasMessageContaining("handlerz");
    }
}
