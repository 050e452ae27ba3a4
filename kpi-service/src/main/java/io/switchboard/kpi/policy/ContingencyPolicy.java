package io.switchboard.kpi.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The automatic failover rule: engage on any engage threshold; release when every release condition holds and the
 * engagement's hold-down has passed. A region needed again soon after its release gets a longer hold-down (see
 * {@link Thresholds}).
 */
public final class ContingencyPolicy {

    private ContingencyPolicy() {
    }

    public static Optional<Decision> evaluate(RegionRouting state, RegionFigures f, Thresholds t, long nowMillis) {
        if (state.pinned) {
            return Optional.empty();
        }
        return state.engaged ? release(state, f, t, nowMillis) : engage(state, f, t, nowMillis);
    }

    private static Optional<Decision> engage(RegionRouting state, RegionFigures f, Thresholds t, long nowMillis) {
        Double share = f.answeredWithin60sShare();
        List<String> breaches = new ArrayList<>();
        if (f.waitingNow() >= t.engageWaiting()) {
            breaches.add("calls waiting " + f.waitingNow() + " >= " + t.engageWaiting());
        }
        if (f.longestWaitSeconds() >= t.engageLongestWait().toSeconds()) {
            breaches.add(String.format(Locale.ROOT, "longest wait %.0f s >= %d s", f.longestWaitSeconds(),
                    t.engageLongestWait().toSeconds()));
        }
        if (share != null && f.answered() >= t.minAnswered() && share < t.engageAnsweredShare()) {
            breaches.add(String.format(Locale.ROOT, "answered within 60 s %.1f%% < %.1f%% (%d answered in 15 min)",
                    share * 100, t.engageAnsweredShare() * 100, f.answered()));
        }
        if (breaches.isEmpty()) {
            return Optional.empty();
        }
        Duration holdDown = nextHoldDown(state, t, nowMillis);
        if (holdDown.compareTo(t.holdDown()) > 0) {
            breaches.add(String.format(Locale.ROOT, "held at least %d s: needed again %d s after its release",
                    holdDown.toSeconds(), (nowMillis - state.releasedAtMillis) / 1000));
        }
        return Optional.of(new Decision(true, String.join("; ", breaches), f.asMap(), holdDown));
    }

    private static Optional<Decision> release(RegionRouting state, RegionFigures f, Thresholds t, long nowMillis) {
        Double share = f.answeredWithin60sShare();
        long heldMillis = nowMillis - state.sinceMillis;
        long holdDownMillis = currentHoldDown(state, t).toMillis();
        boolean shareRecovered = share == null || f.answered() < t.minAnswered() || share >= t.releaseAnsweredShare();
        if (heldMillis >= holdDownMillis && f.waitingNow() <= t.releaseWaiting()
                && f.longestWaitSeconds() <= t.releaseLongestWait().toSeconds() && shareRecovered) {
            String reason = String.format(Locale.ROOT, "recovered: calls waiting %d <= %d; longest wait %.0f s <= %d s;"
                    + " answered within 60 s %s; engaged for %d s >= hold-down %d s", f.waitingNow(),
                    t.releaseWaiting(), f.longestWaitSeconds(), t.releaseLongestWait().toSeconds(),
                    share == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100), heldMillis / 1000,
                    holdDownMillis / 1000);
            return Optional.of(new Decision(false, reason, f.asMap(), null));
        }
        return Optional.empty();
    }

    /** The hold-down of the engagement under way: as decided when it engaged, or the base one. */
    private static Duration currentHoldDown(RegionRouting state, Thresholds t) {
        return state.holdDownMillis > 0 ? Duration.ofMillis(state.holdDownMillis) : t.holdDown();
    }

    /**
     * Twice the last hold-down, halved for every whole base hold-down the region has since spent released (the
     * memory of a flap fades like a half-life), kept between the base hold-down and max-hold-down.
     */
    static Duration nextHoldDown(RegionRouting state, Thresholds t, long nowMillis) {
        long base = t.holdDown().toMillis();
        if (state.releasedAtMillis <= 0 || base == 0) {
            return t.holdDown();
        }
        long calmPeriods = Math.min(62, Math.max(0, nowMillis - state.releasedAtMillis) / base);
        long last = Math.max(state.holdDownMillis, base);
        long next = Math.min(2 * last, t.maxHoldDown().toMillis()) >> calmPeriods;
        return Duration.ofMillis(Math.max(base, next));
    }
}
