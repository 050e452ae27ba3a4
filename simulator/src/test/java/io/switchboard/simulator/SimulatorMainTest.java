package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and scenario files. */
class SimulatorMainTest {

    @Test
    void optionsAndAScenarioFileMakeTheConfigurationTheCommandLineWinning(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("easter.properties");
        Files.writeString(scenario, """
                # Easter Saturday 2013-style surge on an under-staffed Saturday
                start = 2026-04-04T00:00
                hours = 24
                saturday-calls = 2600
                surge.1 = 2026-04-04T08:00,2026-04-04T14:00,1.8
                handlers = 12
                clinicians = 3
                shortfall.1 = 2026-04-04T09:00,2026-04-04T12:00,0.5
                patience = lognormal(120,90)
                queue-timeout = 0
                bank-holidays = 2026-04-03,2026-04-06
                bank-holiday-multiplier = 1.3
                """);
        SimulatorMain.Options options = SimulatorMain.parse(new String[] {"--scenario", scenario.toString(),
            "--port", "0", "--speed", "max", "--seed", "9", "--handlers", "14", "--ground-truth", "t.jsonl",
            "--start-now"});
        SimulationConfig config = options.config();
        assertThat(options.port()).isZero();
        assertThat(options.speed()).isInfinite();
        assertThat(options.startNow()).isTrue();
        assertThat(options.groundTruth()).isEqualTo(Path.of("t.jsonl"));
        assertThat(config.seed).isEqualTo(9);
        assertThat(config.duration).isEqualTo(Duration.ofHours(24));
        assertThat(config.queueTimeout).isZero();
        assertThat(config.patience).isEqualTo(Distribution.lognormal(120, 90));
        assertThat(config.arrivals.surges()).hasSize(1);
        assertThat(config.arrivals.bankHolidays()).contains(LocalDate.of(2026, 4, 3));
        // 14 handlers from the command line, halved to 7 by the shortfall from 09:00 to 12:00
        assertThat(config.roster.handlersAt(config.start.toLocalDateTime().plusHours(8))).isEqualTo(14);
        assertThat(config.roster.handlersAt(config.start.toLocalDateTime().plusHours(10))).isEqualTo(7);
        assertThat(config.roster.cliniciansAt(config.start.toLocalDateTime())).isEqualTo(3);
        // The Saturday rate at 10:00 carries the 1.8 surge.
        double plain = ArrivalProfile.daily(1600, 2600, 2600).rateAt(config.start.toLocalDateTime().plusHours(10));
        assertThat(config.arrivals.rateAt(config.start.toLocalDateTime().plusHours(10))).isCloseTo(plain * 1.8,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void misspeltSettingsAreRejected() throws Exception {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--handler", "3"}))
                .hasMessageContaining("unknown setting 'handler'");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--talk", "lognormal(3)"}))
                .hasMessageContaining("needs 2 argument");
        assertThat(SimulatorMain.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void distributionsReadBackWhatTheyWrite() {
        for (String text : new String[] {"fixed(20)", "exp(300)", "lognormal(480,240)", "gamma(480,240)", "never"}) {
            assertThat(Distribution.parse(text).describe()).isEqualTo(text);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (Distribution d : new Distribution[] {Distribution.lognormal(480, 240), Distribution.gamma(480, 240),
            Distribution.exponential(300)}) {
            double sum = 0;
            int n = 200_000;
            int below = 0;
            for (int i = 0; i < n; i++) {
                double x = d.sample(random);
                sum += x;
                below += x <= 400 ? 1 : 0;
            }
            assertThat(sum / n).as(d.describe()).isCloseTo(d.mean(), org.assertj.core.data.Offset.offset(d.mean() * 0.01));
            assertThat(below / (double) n).as(d.describe()).isCloseTo(d.cdf(400), org.assertj.core.data.Offset.offset(0.005));
        }
    }

    @Test
    void syntheticCallerNumbersComeFromOfcomDramaRanges() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long n = 0; n < 15_000; n++) {
            String number = SyntheticNumbers.number(n);
            assertThat(number).matches("0(1\\d{2}4960|1914980|2079460|1632960|7700900)\\d{3}");
            seen.add(number);
        }
        assertThat(seen).hasSize(15_000); // every number once before any repeats
    }
}
