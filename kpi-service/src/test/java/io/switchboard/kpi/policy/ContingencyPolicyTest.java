package io.switchboard.kpi.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hold-down that grows when a region keeps needing contingency again soon after its release. */
class ContingencyPolicyTest {

    static final Thresholds T = new Thresholds(5, Duration.ofMinutes(5), 0.80, 10, 2, Duration.ofSeconds(60), 0.95,
            Duration.ofMinutes(15), Duration.ofHours(2));
    static final RegionFigures SWAMPED = new RegionFigures(9, 120, 0, 0, 9, 0);
    static final RegionFigures QUIET = new RegionFigures(0, 0, 0, 0, 0, 0);
    static final long MINUTE = 60_000;

    private final RegionRouting state = new RegionRouting();
    private long now = 1_000_000_000L;

    @Test
    void aFirstEngagementIsHeldForTheBaseHoldDown() {
        Decision engaged = step(SWAMPED).orElseThrow();
        assertThat(engaged.engage()).isTrue();
        assertThat(engaged.holdDown()).isEqualTo(Duration.ofMinutes(15));
        assertThat(engaged.reason()).isEqualTo("calls waiting 9 >= 5");
    }

    @Test
    void aRegionNeededAgainSoonAfterItsReleaseIsHeldTwiceAsLongUpToTheMaximum() {
        assertThat(engageThenRelease()).isEqualTo(15);
        now += 10 * MINUTE; // the queue builds again 10 minutes after the release
        Decision again = step(SWAMPED).orElseThrow();
        assertThat(again.holdDown()).isEqualTo(Duration.ofMinutes(30));
        assertThat(again.reason()).endsWith("; held at least 1800 s: needed again 600 s after its release");
        assertThat(releaseAfterHoldDown()).isEqualTo(30);

        now += 5 * MINUTE;
        assertThat(step(SWAMPED).orElseThrow().holdDown()).isEqualTo(Duration.ofMinutes(60));
        assertThat(releaseAfterHoldDown()).isEqualTo(60);
        now += 5 * MINUTE;
        assertThat(step(SWAMPED).orElseThrow().holdDown()).isEqualTo(Duration.ofMinutes(120));
        assertThat(releaseAfterHoldDown()).isEqualTo(120);
        now += 5 * MINUTE;
        assertThat(step(SWAMPED).orElseThrow().holdDown()).as("capped at max-hold-down").isEqualTo(Duration.ofHours(2));
    }

    @Test
    void everyWholeHoldDownSpentReleasedHalvesTheNextHoldDownDownToTheBase() {
        engageThenRelease();
        now += 10 * MINUTE;
        step(SWAMPED);
        assertThat(releaseAfterHoldDown()).isEqualTo(30);
        now += 5 * MINUTE;
        step(SWAMPED);
        assertThat(releaseAfterHoldDown()).isEqualTo(60);

        now += 15 * MINUTE; // one base hold-down released: 2 x 60 min halved once
        assertThat(step(SWAMPED).orElseThrow().holdDown()).isEqualTo(Duration.ofMinutes(60));
        releaseAfterHoldDown();
        now += 30 * MINUTE - 1; // a moment short of two: still halved only once
        assertThat(step(SWAMPED).orElseThrow().holdDown()).isEqualTo(Duration.ofMinutes(60));
        releaseAfterHoldDown();
        now += 80 * MINUTE; // coped for 80 minutes: five halvings take it below the base
        Decision fresh = step(SWAMPED).orElseThrow();
        assertThat(fresh.holdDown()).isEqualTo(Duration.ofMinutes(15));
        assertThat(fresh.reason()).doesNotContain("held at least");
    }

    @Test
    void noReleaseBeforeTheGrownHoldDownEvenWhenEverythingHasRecovered() {
        engageThenRelease();
        now += MINUTE;
        step(SWAMPED);
        now += 29 * MINUTE;
        assertThat(step(QUIET)).as("29 of 30 minutes").isEmpty();
        now += MINUTE;
        assertThat(step(QUIET).orElseThrow().reason()).endsWith("engaged for 1800 s >= hold-down 1800 s");
    }

    @Test
    void stateWrittenBeforeHoldDownsCouldGrowUsesTheBaseHoldDown() {
        state.engaged = true;
        state.sinceMillis = now; // no holdDownMillis, no releasedAtMillis
        now += 15 * MINUTE;
        assertThat(step(QUIET)).isPresent();
    }

    @Test
    void aMaximumBelowTheBaseHoldDownIsRefused() {
        assertThatThrownBy(() -> new Thresholds(5, Duration.ofMinutes(5), 0.80, 10, 2, Duration.ofSeconds(60), 0.95,
                Duration.ofMinutes(15), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max-hold-down (PT10M) must not be below hold-down (PT15M)");
    }

    /** Engages, releases after the hold-down; returns the hold-down in minutes. */
    private long engageThenRelease() {
        step(SWAMPED).orElseThrow();
        return releaseAfterHoldDown();
    }

    private long releaseAfterHoldDown() {
        long held = state.holdDownMillis / MINUTE;
        now += state.holdDownMillis - 1;
        assertThat(step(QUIET)).as("not before the hold-down").isEmpty();
        now += 1;
        assertThat(step(QUIET)).hasValueSatisfying(d -> assertThat(d.engage()).isFalse());
        return held;
    }

    private Optional<Decision> step(RegionFigures figures) {
        Optional<Decision> decision = ContingencyPolicy.evaluate(state, figures, T, now);
        decision.ifPresent(d -> state.record(d, now));
        return decision;
    }
}
