package io.switchboard.directory.search;

import io.switchboard.directory.model.WeeklyHours;
import java.time.Instant;

/**
 * Whether a service can be reached within a search window: open at some time in it, and then for at least 30
 * minutes. {@code from} is when the caller could get there (now, or when it opens), {@code until} when it closes.
 */
public record Availability(Kind kind, long fromSec, long untilSec) {

    public enum Kind {
        /** Open within the window and not closing within 30 minutes of when the caller could get there. */
        AVAILABLE,
        /** Open within the window, but only for less than 30 minutes after the caller could get there. */
        CLOSES_WITHIN_30_MINUTES,
        /** Not open at any time within the window. */
        NOT_OPEN_IN_WINDOW
    }

    private static final Availability NOT_OPEN = new Availability(Kind.NOT_OPEN_IN_WINDOW, 0, 0);

    public boolean available() {
        return kind == Kind.AVAILABLE;
    }

    public Instant from() {
        return kind == Kind.NOT_OPEN_IN_WINDOW ? null : Instant.ofEpochSecond(fromSec);
    }

    public Instant until() {
        return kind == Kind.NOT_OPEN_IN_WINDOW ? null : Instant.ofEpochSecond(untilSec);
    }

    /**
     * Walks the service's sessions over the window's dates in time order, merging sessions that touch (so a 24-hour
     * service or an evening session followed by an overnight one is one stretch), and stops at the first stretch
     * that qualifies.
     */
    public static Availability of(WeeklyHours hours, SearchWindow window) {
        Scan scan = new Scan(window.nowSec(), window.endSec());
        long curA = 0;
        long curB = Long.MIN_VALUE;
        outer:
        for (int d = 0; d < window.days(); d++) {
            int[] sessions = hours.sessions(window.date(d), window.dayType(d));
            for (int i = 0; i < sessions.length; i += 2) {
                long a = window.epochSecond(d, sessions[i]);
                long b = window.epochSecond(d, sessions[i + 1]);
                if (curB != Long.MIN_VALUE && a <= curB) {
                    curB = Math.max(curB, b);
                    continue;
                }
                if (curB != Long.MIN_VALUE && scan.qualifies(curA, curB)) {
                    return scan.result;
                }
                curB = Long.MIN_VALUE;
                if (a > window.endSec()) {
                    break outer;
                }
                curA = a;
                curB = b;
            }
        }
        if (curB != Long.MIN_VALUE && scan.qualifies(curA, curB)) {
            return scan.result;
        }
        return scan.touched ? new Availability(Kind.CLOSES_WITHIN_30_MINUTES, scan.shortFrom, scan.shortUntil)
                : NOT_OPEN;
    }

    private static final class Scan {
        final long now;
        final long end;
        boolean touched;
        long shortFrom;
        long shortUntil;
        Availability result;

        Scan(long now, long end) {
            this.now = now;
            this.end = end;
        }

        /** A stretch of opening [a, b): true (with the result set) when it lets the caller in for 30 minutes. */
        boolean qualifies(long a, long b) {
            if (a > end || b <= now) {
                return false;
            }
            long from = Math.max(a, now);
            if (b - from >= SearchWindow.MIN_OPEN_SECONDS) {
                result = new Availability(Kind.AVAILABLE, from, b);
                return true;
            }
            if (!touched) {
                touched = true;
                shortFrom = from;
                shortUntil = b;
            }
            return false;
        }
    }
}
