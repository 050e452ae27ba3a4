package io.switchboard.simulator;

import java.util.SplittableRandom;

/** A queue member: a call handler in the triage queue or a clinician in the clinician queue. */
final class Member {

    final String queue;
    final int index;
    final String endpoint;
    final String iface;
    final String name;
    final String number;
    final SplittableRandom random;

    boolean loggedIn;
    boolean dynamic;
    long loginTime;
    boolean paused;
    String pausedReason = "";
    long lastPause;
    int callsTaken;
    long lastCall;
    /** Queue entry this member's phone is ringing for, or reserved for (its next periodic check). */
    Object ringingFor;
    Object reservedFor;
    /** The call this member is talking on (until the member's leg hangs up). */
    Object inCall;
    double wrapUntil;
    /** Off shift: log out as soon as the current call and wrap-up are over. */
    boolean leaving;
    /** Breaks: the next break is due (scheduled) and whether the member is on a break now. */
    boolean onBreak;

    Member(String queue, int index, String endpoint, String name, String number, SplittableRandom random) {
        this.queue = queue;
        this.index = index;
        this.endpoint = endpoint;
        this.iface = "PJSIP/" + endpoint;
        this.name = name;
        this.number = number;
        this.random = random;
    }

    /** Device status as app_queue reports it: 1 not in use, 2 in use, 6 ringing. */
    int status() {
        if (ringingFor != null) {
            return 6;
        }
        return inCall != null ? 2 : 1;
    }

    boolean available(double now) {
        return loggedIn && !paused && !leaving && ringingFor == null && reservedFor == null && inCall == null
                && now >= wrapUntil - 1e-9;
    }

    @Override
    public String toString() {
        return iface;
    }

    private static final String[] ONES = {"", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
        "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
    private static final String[] TENS = {"", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty",
        "Ninety"};

    /** 1 -> One, 42 -> Forty-Two, as the recordings name their members ("Agent One"); 100 and over stay digits. */
    static String words(int n) {
        if (n <= 0 || n >= 100) {
            return Integer.toString(n);
        }
        if (n < 20) {
            return ONES[n];
        }
        return TENS[n / 10] + (n % 10 == 0 ? "" : "-" + ONES[n % 10]);
    }
}
