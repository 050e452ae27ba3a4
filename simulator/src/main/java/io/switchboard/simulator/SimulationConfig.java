package io.switchboard.simulator;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Every parameter of the provider model, with its default and where the default comes from. Immutable; build one with
 * {@link #builder()} or read one from a scenario properties file with {@link #fromProperties(Properties)} (the keys are
 * the command-line options without their dashes, see README.md).
 *
 * <p>Durations are in seconds. Defaults marked "recordings" come from the Asterisk 22 recordings and their PBX
 * configuration (ami-replay's transcripts/pbx-config), "kpis.md" from docs/reference/kpis.md; the rest are this
 * model's assumptions, stated in README.md.
 */
public final class SimulationConfig {

    /** Monday 2 March 2026, midnight, UK time: the default start of the virtual clock. */
    public static final ZonedDateTime DEFAULT_START = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0,
            ZoneId.of("Europe/London"));

    public final long seed;
    /** Virtual time of the simulation's start; hour-of-week profiles are read in its zone. */
    public final ZonedDateTime start;
    /** How long calls arrive (virtual time); calls still in progress at the end run to their end. */
    public final Duration duration;
    /** Random arrivals on (off: only calls scheduled explicitly, as the fidelity scenarios do). */
    public final boolean randomArrivals;
    public final ArrivalProfile arrivals;
    public final Roster roster;

    public final Distribution talk;
    public final Distribution wrapUp;
    public final Distribution patience;
    public final Distribution ring;
    public final double ringNoAnswerProbability;
    public final double memberTimeout;
    public final double retry;
    public final double joinDelay;
    public final double recheck;
    public final double queueTimeout;
    public final double clinicianQueueTimeout;
    public final Distribution clinicianPatience;
    public final Distribution clinicianTalk;
    public final Distribution consult;
    public final Distribution contingencyAnswer;
    public final Distribution contingencyTalk;
    public final double transferShare;
    public final double attendedShare;
    public final double agentHangupShare;
    public final double clinicianHangupShare;
    public final String contingencyVariable;
    public final boolean contingencyEngaged;
    public final String dialledNumber;
    public final Duration breakEvery;
    public final Distribution breakLength;
    public final String breakReason;
    public final boolean timestamps;

    private SimulationConfig(Builder b) {
        this.seed = b.seed;
        this.start = Objects.requireNonNull(b.start);
        this.duration = requireNotNegative(b.duration, "duration");
        this.randomArrivals = b.randomArrivals;
        this.arrivals = Objects.requireNonNull(b.arrivals);
        this.talk = b.talk;
        this.wrapUp = b.wrapUp;
        this.patience = b.patience;
        this.ring = b.ring;
        this.ringNoAnswerProbability = share(b.ringNoAnswerProbability, "ring-no-answer");
        this.memberTimeout = positive(b.memberTimeout, "member-timeout");
        this.retry = notNegative(b.retry, "retry");
        this.joinDelay = notNegative(b.joinDelay, "join-delay");
        this.recheck = positive(b.recheck, "recheck");
        this.queueTimeout = notNegative(b.queueTimeout, "queue-timeout");
        this.clinicianQueueTimeout = notNegative(b.clinicianQueueTimeout, "clinician-queue-timeout");
        this.clinicianPatience = b.clinicianPatience;
        this.clinicianTalk = b.clinicianTalk;
        this.consult = b.consult;
        this.contingencyAnswer = b.contingencyAnswer;
        this.contingencyTalk = b.contingencyTalk;
        this.transferShare = share(b.transferShare, "transfer-share");
        this.attendedShare = share(b.attendedShare, "attended-share");
        this.agentHangupShare = share(b.agentHangupShare, "agent-hangup-share");
        this.clinicianHangupShare = share(b.clinicianHangupShare, "clinician-hangup-share");
        this.contingencyVariable = requireName(b.contingencyVariable);
        this.contingencyEngaged = b.contingencyEngaged;
        this.dialledNumber = requireName(b.dialledNumber);
        this.breakEvery = requireNotNegative(b.breakEvery, "breaks-every");
        this.breakLength = b.breakLength;
        this.breakReason = b.breakReason;
        this.timestamps = b.timestamps;
        this.roster = b.roster != null ? b.roster
                : Roster.matching(arrivals, talk.mean() + wrapUp.mean(), transferShare,
                        clinicianTalk.mean() + wrapUp.mean(), 0.85);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.start = start;
        b.duration = duration;
        b.randomArrivals = randomArrivals;
        b.arrivals = arrivals;
        b.roster = roster;
        b.talk = talk;
        b.wrapUp = wrapUp;
        b.patience = patience;
        b.ring = ring;
        b.ringNoAnswerProbability = ringNoAnswerProbability;
        b.memberTimeout = memberTimeout;
        b.retry = retry;
        b.joinDelay = joinDelay;
        b.recheck = recheck;
        b.queueTimeout = queueTimeout;
        b.clinicianQueueTimeout = clinicianQueueTimeout;
        b.clinicianPatience = clinicianPatience;
        b.clinicianTalk = clinicianTalk;
        b.consult = consult;
        b.contingencyAnswer = contingencyAnswer;
        b.contingencyTalk = contingencyTalk;
        b.transferShare = transferShare;
        b.attendedShare = attendedShare;
        b.agentHangupShare = agentHangupShare;
        b.clinicianHangupShare = clinicianHangupShare;
        b.contingencyVariable = contingencyVariable;
        b.contingencyEngaged = contingencyEngaged;
        b.dialledNumber = dialledNumber;
        b.breakEvery = breakEvery;
        b.breakLength = breakLength;
        b.breakReason = breakReason;
        b.timestamps = timestamps;
        return b;
    }

    /** Local time (in the start's zone) at virtual second {@code t}. */
    public LocalDateTime localTime(double t) {
        return start.plusNanos((long) (t * 1e9)).withZoneSameInstant(start.getZone()).toLocalDateTime();
    }

    /** Virtual seconds from the start to this local time (in the start's zone). */
    public double secondsAt(LocalDateTime local) {
        ZonedDateTime at = local.atZone(start.getZone());
        return Duration.between(start, at).toNanos() / 1e9;
    }

    /** The settings as name = value lines, the way {@link #fromProperties} reads them (roster as given). */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", Long.toString(seed));
        m.put("start", start.toLocalDateTime().toString());
        m.put("zone", start.getZone().getId());
        m.put("duration", duration.toString());
        m.put("random-arrivals", Boolean.toString(randomArrivals));
        m.put("weekly-calls", String.format(Locale.ROOT, "%.0f", arrivals.weeklyTotal()));
        m.put("handlers-max", Integer.toString(roster.maxHandlers()));
        m.put("clinicians-max", Integer.toString(roster.maxClinicians()));
        m.put("talk", talk.describe());
        m.put("wrap-up", wrapUp.describe());
        m.put("patience", patience.describe());
        m.put("ring", ring.describe());
        m.put("ring-no-answer", Double.toString(ringNoAnswerProbability));
        m.put("queue-timeout", Double.toString(queueTimeout));
        m.put("clinician-queue-timeout", Double.toString(clinicianQueueTimeout));
        m.put("clinician-patience", clinicianPatience.describe());
        m.put("clinician-talk", clinicianTalk.describe());
        m.put("consult", consult.describe());
        m.put("contingency-answer", contingencyAnswer.describe());
        m.put("contingency-talk", contingencyTalk.describe());
        m.put("transfer-share", Double.toString(transferShare));
        m.put("attended-share", Double.toString(attendedShare));
        m.put("agent-hangup-share", Double.toString(agentHangupShare));
        m.put("clinician-hangup-share", Double.toString(clinicianHangupShare));
        m.put("contingency-variable", contingencyVariable);
        m.put("contingency-engaged", Boolean.toString(contingencyEngaged));
        m.put("dialled-number", dialledNumber);
        m.put("breaks-every", breakEvery.toString());
        m.put("break-length", breakLength.describe());
        m.put("timestamps", Boolean.toString(timestamps));
        return m;
    }

    /**
     * Reads a scenario: the keys are the command-line options without their leading dashes. Unknown keys are an
     * error, so a misspelt setting is never silently ignored.
     */
    public static SimulationConfig fromProperties(Properties p) {
        Builder b = builder();
        Set<String> known = new LinkedHashSet<>();
        java.util.function.Function<String, String> get = key -> {
            known.add(key);
            String v = p.getProperty(key);
            return v == null ? null : v.trim();
        };
        String v;
        if ((v = get.apply("seed")) != null) {
            b.seed(Long.parseLong(v));
        }
        String zone = get.apply("zone");
        ZoneId zoneId = zone == null ? DEFAULT_START.getZone() : ZoneId.of(zone);
        if ((v = get.apply("start")) != null) {
            b.start(LocalDateTime.parse(v).atZone(zoneId));
        } else if (zone != null) {
            b.start(DEFAULT_START.toLocalDateTime().atZone(zoneId));
        }
        if ((v = get.apply("duration")) != null) {
            b.duration(parseDuration(v));
        }
        if ((v = get.apply("hours")) != null) {
            b.duration(Duration.ofMillis((long) (Double.parseDouble(v) * 3_600_000)));
        }
        if ((v = get.apply("random-arrivals")) != null) {
            b.randomArrivals(Boolean.parseBoolean(v));
        }
        ArrivalProfile profile = ArrivalProfile.nhs111Default();
        String weekday = get.apply("weekday-calls");
        String saturday = get.apply("saturday-calls");
        String sunday = get.apply("sunday-calls");
        if (weekday != null || saturday != null || sunday != null) {
            profile = ArrivalProfile.daily(
                    weekday == null ? ArrivalProfile.DEFAULT_WEEKDAY_CALLS : Double.parseDouble(weekday),
                    saturday == null ? ArrivalProfile.DEFAULT_WEEKEND_DAY_CALLS : Double.parseDouble(saturday),
                    sunday == null ? ArrivalProfile.DEFAULT_WEEKEND_DAY_CALLS : Double.parseDouble(sunday));
        }
        if ((v = get.apply("calls-per-hour")) != null) {
            profile = ArrivalProfile.flat(Double.parseDouble(v));
        }
        if ((v = get.apply("volume-scale")) != null) {
            profile = profile.scaled(Double.parseDouble(v));
        }
        String holidays = get.apply("bank-holidays");
        String multiplier = get.apply("bank-holiday-multiplier");
        if (holidays != null || multiplier != null) {
            Set<LocalDate> dates = new LinkedHashSet<>();
            if (holidays != null) {
                for (String d : holidays.split(",")) {
                    if (!d.isBlank()) {
                        dates.add(LocalDate.parse(d.trim()));
                    }
                }
            }
            profile = profile.withBankHolidays(dates, multiplier == null ? 1.0 : Double.parseDouble(multiplier));
        }
        for (String key : indexed(p, "surge")) {
            known.add(key);
            String[] f = p.getProperty(key).split(",");
            profile = profile.withSurge(new ArrivalProfile.Surge(LocalDateTime.parse(f[0].trim()),
                    LocalDateTime.parse(f[1].trim()), Double.parseDouble(f[2].trim())));
        }
        b.arrivals(profile);
        if ((v = get.apply("talk")) != null) {
            b.talk(Distribution.parse(v));
        }
        if ((v = get.apply("wrap-up")) != null) {
            b.wrapUp(Distribution.parse(v));
        }
        if ((v = get.apply("patience")) != null) {
            b.patience(Distribution.parse(v));
        }
        if ((v = get.apply("ring")) != null) {
            b.ring(Distribution.parse(v));
        }
        if ((v = get.apply("ring-no-answer")) != null) {
            b.ringNoAnswerProbability(Double.parseDouble(v));
        }
        if ((v = get.apply("queue-timeout")) != null) {
            b.queueTimeout(Double.parseDouble(v));
        }
        if ((v = get.apply("clinician-queue-timeout")) != null) {
            b.clinicianQueueTimeout(Double.parseDouble(v));
        }
        if ((v = get.apply("clinician-patience")) != null) {
            b.clinicianPatience(Distribution.parse(v));
        }
        if ((v = get.apply("clinician-talk")) != null) {
            b.clinicianTalk(Distribution.parse(v));
        }
        if ((v = get.apply("consult")) != null) {
            b.consult(Distribution.parse(v));
        }
        if ((v = get.apply("contingency-answer")) != null) {
            b.contingencyAnswer(Distribution.parse(v));
        }
        if ((v = get.apply("contingency-talk")) != null) {
            b.contingencyTalk(Distribution.parse(v));
        }
        if ((v = get.apply("transfer-share")) != null) {
            b.transferShare(Double.parseDouble(v));
        }
        if ((v = get.apply("attended-share")) != null) {
            b.attendedShare(Double.parseDouble(v));
        }
        if ((v = get.apply("agent-hangup-share")) != null) {
            b.agentHangupShare(Double.parseDouble(v));
        }
        if ((v = get.apply("clinician-hangup-share")) != null) {
            b.clinicianHangupShare(Double.parseDouble(v));
        }
        if ((v = get.apply("contingency-variable")) != null) {
            b.contingencyVariable(v);
        }
        if ((v = get.apply("contingency-engaged")) != null) {
            b.contingencyEngaged(Boolean.parseBoolean(v));
        }
        if ((v = get.apply("dialled-number")) != null) {
            b.dialledNumber(v);
        }
        if ((v = get.apply("breaks-every")) != null) {
            b.breakEvery(parseDuration(v));
        }
        if ((v = get.apply("break-length")) != null) {
            b.breakLength(Distribution.parse(v));
        }
        if ((v = get.apply("timestamps")) != null) {
            b.timestamps(Boolean.parseBoolean(v));
        }
        String handlers = get.apply("handlers");
        String clinicians = get.apply("clinicians");
        List<String> shortfalls = indexed(p, "shortfall");
        known.addAll(shortfalls);
        if (handlers != null || clinicians != null || !shortfalls.isEmpty()) {
            SimulationConfig interim = b.build();
            int[] h = hourly(handlers, interim.roster.hourOfWeekHandlers());
            int[] c = hourly(clinicians, interim.roster.hourOfWeekClinicians());
            Roster roster = Roster.hourOfWeek(h, c);
            for (String key : shortfalls) {
                String[] f = p.getProperty(key).split(",");
                roster = roster.withShortfall(new Roster.Shortfall(LocalDateTime.parse(f[0].trim()),
                        LocalDateTime.parse(f[1].trim()), Double.parseDouble(f[2].trim())));
            }
            b.roster(roster);
        }
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'");
            }
        }
        return b.build();
    }

    /** "12" for every hour, or 168 comma-separated values (Monday 00:00 first). */
    private static int[] hourly(String text, int[] fallback) {
        if (text == null) {
            return fallback;
        }
        String[] parts = text.split(",");
        int[] values = new int[168];
        if (parts.length == 1) {
            java.util.Arrays.fill(values, Integer.parseInt(parts[0].trim()));
        } else if (parts.length == 168) {
            for (int i = 0; i < 168; i++) {
                values[i] = Integer.parseInt(parts[i].trim());
            }
        } else {
            throw new IllegalArgumentException("staff numbers: one value or 168 (one per hour of the week), got "
                    + parts.length);
        }
        return values;
    }

    private static List<String> indexed(Properties p, String prefix) {
        List<String> keys = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (key.equals(prefix) || key.startsWith(prefix + ".")) {
                keys.add(key);
            }
        }
        keys.sort(null);
        return keys;
    }

    static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        return Duration.ofMillis((long) (Double.parseDouble(t) * 1000)); // plain seconds
    }

    private static Duration requireNotNegative(Duration d, String what) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        return d;
    }

    private static double share(double value, String what) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1: " + value);
        }
        return value;
    }

    private static double positive(double value, String what) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return value;
    }

    private static double notNegative(double value, String what) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(what + " must be zero or more: " + value);
        }
        return value;
    }

    private static String requireName(String value) {
        if (value == null || value.isBlank() || !value.matches("[A-Za-z0-9_+*#-]+")) {
            throw new IllegalArgumentException("not a valid name: '" + value + "'");
        }
        return value;
    }

    /** Settings with their defaults; every setter returns the builder. */
    public static final class Builder {
        private long seed = 1;
        private ZonedDateTime start = DEFAULT_START;
        private Duration duration = Duration.ofDays(1);
        private boolean randomArrivals = true;
        private ArrivalProfile arrivals = ArrivalProfile.nhs111Default();
        private Roster roster;
        // Handle times: assumptions (NHS 111 publishes no handle-time distribution), see README.md.
        private Distribution talk = Distribution.lognormal(480, 240);
        private Distribution wrapUp = Distribution.lognormal(60, 30);
        private Distribution patience = Distribution.lognormal(240, 240);
        // recordings: agents answered after 2-3 s of ringing
        private Distribution ring = Distribution.fixed(2);
        private double ringNoAnswerProbability;
        // recordings (queues.conf): member timeout 8 s, retry 2 s; Answer() waits 0.5 s; app_queue rechecks each 1 s
        private double memberTimeout = 8;
        private double retry = 2;
        private double joinDelay = 0.5;
        private double recheck = 1;
        // recordings (extensions.conf): Queue(triage,t,,,20), Queue(clinician,,,,60)
        private double queueTimeout = 20;
        private double clinicianQueueTimeout = 60;
        private Distribution clinicianPatience = Distribution.lognormal(600, 400);
        private Distribution clinicianTalk = Distribution.lognormal(720, 360);
        private Distribution consult = Distribution.lognormal(40, 20);
        // recordings: the contingency desk answered after 1 s
        private Distribution contingencyAnswer = Distribution.fixed(1);
        private Distribution contingencyTalk = Distribution.lognormal(420, 240);
        // kpis.md: 21.9% of answered calls warm-transferred to a clinician (Dec 2016)
        private double transferShare = 0.219;
        private double attendedShare = 0.5;
        private double agentHangupShare = 0.5;
        private double clinicianHangupShare = 0.5;
        private String contingencyVariable = "CONTINGENCY";
        private boolean contingencyEngaged;
        private String dialledNumber = "111";
        private Duration breakEvery = Duration.ZERO;
        private Distribution breakLength = Distribution.fixed(900);
        private String breakReason = "Break";
        private boolean timestamps = true;

        private Builder() {
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder start(ZonedDateTime v) { start = Objects.requireNonNull(v); return this; }
        public Builder duration(Duration v) { duration = Objects.requireNonNull(v); return this; }
        public Builder randomArrivals(boolean v) { randomArrivals = v; return this; }
        public Builder arrivals(ArrivalProfile v) { arrivals = Objects.requireNonNull(v); return this; }
        /** Staffing; null (the default) matches it to the arrival profile, see {@link Roster#matching}. */
        public Builder roster(Roster v) { roster = v; return this; }
        public Builder talk(Distribution v) { talk = Objects.requireNonNull(v); return this; }
        public Builder wrapUp(Distribution v) { wrapUp = Objects.requireNonNull(v); return this; }
        public Builder patience(Distribution v) { patience = Objects.requireNonNull(v); return this; }
        public Builder ring(Distribution v) { ring = Objects.requireNonNull(v); return this; }
        public Builder ringNoAnswerProbability(double v) { ringNoAnswerProbability = v; return this; }
        public Builder memberTimeout(double v) { memberTimeout = v; return this; }
        public Builder retry(double v) { retry = v; return this; }
        public Builder joinDelay(double v) { joinDelay = v; return this; }
        public Builder recheck(double v) { recheck = v; return this; }
        /** Seconds in the triage queue before the call goes to the contingency desk; 0 for never. */
        public Builder queueTimeout(double v) { queueTimeout = v; return this; }
        /** Seconds in the clinician queue before the PBX gives up (the dialplan then hangs up); 0 for never. */
        public Builder clinicianQueueTimeout(double v) { clinicianQueueTimeout = v; return this; }
        public Builder clinicianPatience(Distribution v) { clinicianPatience = Objects.requireNonNull(v); return this; }
        public Builder clinicianTalk(Distribution v) { clinicianTalk = Objects.requireNonNull(v); return this; }
        public Builder consult(Distribution v) { consult = Objects.requireNonNull(v); return this; }
        public Builder contingencyAnswer(Distribution v) { contingencyAnswer = Objects.requireNonNull(v); return this; }
        public Builder contingencyTalk(Distribution v) { contingencyTalk = Objects.requireNonNull(v); return this; }
        public Builder transferShare(double v) { transferShare = v; return this; }
        public Builder attendedShare(double v) { attendedShare = v; return this; }
        public Builder agentHangupShare(double v) { agentHangupShare = v; return this; }
        public Builder clinicianHangupShare(double v) { clinicianHangupShare = v; return this; }
        public Builder contingencyVariable(String v) { contingencyVariable = v; return this; }
        public Builder contingencyEngaged(boolean v) { contingencyEngaged = v; return this; }
        public Builder dialledNumber(String v) { dialledNumber = v; return this; }
        /** Each handler takes a break this often (staggered); zero (the default) for none. */
        public Builder breakEvery(Duration v) { breakEvery = Objects.requireNonNull(v); return this; }
        public Builder breakLength(Distribution v) { breakLength = Objects.requireNonNull(v); return this; }
        public Builder breakReason(String v) { breakReason = Objects.requireNonNull(v); return this; }
        /** Timestamp: headers in virtual time (timestampevents=yes); on by default. */
        public Builder timestamps(boolean v) { timestamps = v; return this; }

        public SimulationConfig build() {
            return new SimulationConfig(this);
        }
    }
}
