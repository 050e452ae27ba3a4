package io.switchboard.kpi.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The automatic failover rule: engage on any engage threshold; release when every release condition holds. */
public final class ContingencyPolicy {

    private ContingencyPolicy() {
    }

    public static Optional<Decision> evaluate(RegionRouting state, RegionFigures f, Thresholds t, long nowMillis) {
        if (state.pinned) {
            return Optional.empty();
        }
        Double share = f.answeredWithin60sShare();
        if (!state.engaged) {
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
            return breaches.isEmpty() ? Optional.empty()
                    : Optional.of(new Decision(true, String.join("; ", breaches), f.asMap()));
        }
        long heldMillis = nowMillis - state.sinceMillis;
        boolean shareRecovered = share == null || f.answered() < t.minAnswered() || share >= t.releaseAnsweredShare();
        if (heldMillis >= t.holdDown().toMillis() && f.waitingNow() <= t.releaseWaiting()
                && f.longestWaitSeconds() <= t.releaseLongestWait().toSeconds() && shareRecovered) {
            String reason = String.format(Locale.ROOT, "recovered: calls waiting %d <= %d; longest wait %.0f s <= %d s;"
                    + " answered within 60 s %s; engaged for %d s >= hold-down %d s", f.waitingNow(),
                    t.releaseWaiting(), f.longestWaitSeconds(), t.releaseLongestWait().toSeconds(),
                    share == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100), heldMillis / 1000,
                    t.holdDown().toSeconds());
            return Optional.of(new Decision(false, reason, f.asMap()));
        }
        return Optional.empty();
    }
}
