package io.switchboard.directory.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticDirectoryTest {

    @Test
    void theSameSeedGivesTheSameDatasetAndAnotherSeedAnother() {
        List<SyntheticService> a = SyntheticDirectory.generate(2_000, 7);
        List<SyntheticService> b = SyntheticDirectory.generate(2_000, 7);
        List<SyntheticService> c = SyntheticDirectory.generate(2_000, 8);
        assertThat(a).hasSize(2_000);
        assertThat(a).extracting(s -> s.id() + s.name() + s.latitude() + s.type())
                .isEqualTo(b.stream().map(s -> s.id() + s.name() + s.latitude() + s.type()).toList());
        assertThat(a.get(10).name() + a.get(10).latitude()).isNotEqualTo(c.get(10).name() + c.get(10).latitude());
    }

    @Test
    void realisticTypesAcrossEnglandWithHoursAndDispositions() {
        List<SyntheticService> all = SyntheticDirectory.generate(100_000, 20261121);
        Map<String, Long> byType = all.stream().collect(Collectors.groupingBy(SyntheticService::type,
                Collectors.counting()));
        assertThat(byType.get("pharmacy")).isBetween(11_000L, 13_000L);
        assertThat(byType.get("gp-practice")).isBetween(6_200L, 7_500L);
        assertThat(byType.get("emergency-department")).isBetween(120L, 260L);
        assertThat(byType.get("gp-out-of-hours")).isBetween(300L, 500L);
        assertThat(byType).containsKeys("urgent-treatment-centre", "mental-health-crisis", "urgent-dental",
                "clinical-assessment-service", "sexual-health");
        assertThat(all).allSatisfy(s -> {
            assertThat(s.latitude()).isBetween(49.9, 55.85);
            assertThat(s.longitude()).isBetween(-5.75, 1.8);
            assertThat(s.referralMethods()).isNotEmpty();
        });
        Map<String, SyntheticService> firstOfType = all.stream().collect(Collectors.toMap(SyntheticService::type,
                Function.identity(), (x, y) -> x));
        assertThat(firstOfType.get("emergency-department").dispositions()).containsExactly("Dx02");
        assertThat(firstOfType.get("emergency-department").sessions()).hasSize(8);
        assertThat(firstOfType.get("gp-out-of-hours").sessions()).anySatisfy(s -> assertThat(s[2]).isLessThan(s[1]));
        assertThat(firstOfType.get("gp-practice").specified()).as("Christmas Eve short days").isNotEmpty();
        long londonish = all.stream().filter(s -> Math.abs(s.latitude() - 51.5) < 0.3
                && Math.abs(s.longitude() + 0.13) < 0.5).count();
        assertThat(londonish).as("London has the most services").isGreaterThan(10_000);
    }
}
