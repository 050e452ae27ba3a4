package io.switchboard.kpi.policy;

import java.time.Duration;

/**
 * When a region falls over to contingency and when it comes back. Release thresholds are strictly easier to meet
 * than engage thresholds, and a region stays engaged at least {@code holdDown}: together they stop flapping.
 *
 * @param engageWaiting        engage when this many callers are waiting (or more)
 * @param engageLongestWait    engage when the longest current wait reaches this
 * @param engageAnsweredShare  engage when the rolling answered-within-60 s share falls below this...
 * @param minAnswered          ...over at least this many answered calls (so one slow call at night does not)
 * @param releaseWaiting       release only with at most this many waiting
 * @param releaseLongestWait   ...the longest wait at most this
 * @param releaseAnsweredShare ...and the rolling share at least this (or too few answered to judge)
 * @param holdDown             ...and not before the region has been engaged this long
 */
public record Thresholds(int engageWaiting, Duration engageLongestWait, double engageAnsweredShare, int minAnswered,
        int releaseWaiting, Duration releaseLongestWait, double releaseAnsweredShare, Duration holdDown) {

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
    }
}
