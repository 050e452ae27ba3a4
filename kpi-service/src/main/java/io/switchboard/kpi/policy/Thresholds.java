package io.switchboard.kpi.policy;

import java.time.Duration;

/**
 * When a region falls over to contingency and when it comes back. Release thresholds are strictly easier to meet
 * than engage thresholds, and a region stays engaged at least {@code holdDown}: together they stop flapping on noise.
 *
 * <p>They cannot stop flapping on a cause the route itself hides: while engaged, the queue empties because calls go
 * to the contingency provider, so the figures recover though the staff shortage has not. A region that needs
 * contingency again soon after its release is therefore held twice as long as the last time, up to
 * {@code maxHoldDown}; each whole {@code holdDown} it spent released first halves that (never below {@code holdDown}),
 * so a region that coped for a while starts again from the base.
 *
 * @param engageWaiting        engage when this many callers are waiting (or more)
 * @param engageLongestWait    engage when the longest current wait reaches this
 * @param engageAnsweredShare  engage when the rolling answered-within-60 s share falls below this...
 * @param minAnswered          ...over at least this many answered calls (so one slow call at night does not)
 * @param releaseWaiting       release only with at most this many waiting
 * @param releaseLongestWait   ...the longest wait at most this
 * @param releaseAnsweredShare ...and the rolling share at least this (or too few answered to judge)
 * @param holdDown             ...and not before the region has been engaged this long
 * @param maxHoldDown          the longest hold-down a repeatedly re-engaged region gets
 */
public record Thresholds(int engageWaiting, Duration engageLongestWait, double engageAnsweredShare, int minAnswered,
        int releaseWaiting, Duration releaseLongestWait, double releaseAnsweredShare, Duration holdDown,
        Duration maxHoldDown) {

    public Thresholds {
        if (releaseWaiting >= engageWaiting) {
            throw new IllegalArgumentException("release-waiting (" + releaseWaiting
                    + ") must be below engage-waiting (" + engageWaiting + ")");
        }
        if (releaseLongestWait.compareTo(engageLongestWait) >= 0) {
            throw new IllegalArgumentException("release-longest-wait (" + releaseLongestWait
                    + ") must be below engage-longest-wait (" + engageLongestWait + ")");
        }
        if (releaseAnsweredShare <= engageAnsweredShare) {
            throw new IllegalArgumentException("release-answered-share (" + releaseAnsweredShare
                    + ") must be above engage-answered-share (" + engageAnsweredShare + ")");
        }
        if (holdDown.isNegative()) {
            throw new IllegalArgumentException("hold-down must not be negative");
        }
        if (maxHoldDown.compareTo(holdDown) < 0) {
            throw new IllegalArgumentException("max-hold-down (" + maxHoldDown + ") must not be below hold-down ("
                    + holdDown + ")");
        }
    }
}
