package io.switchboard.simulator;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How many call handlers (triage queue) and clinicians (clinician queue) are on shift in each hour of the week, plus
 * shortfall windows (any window of local time where staffing is multiplied, e.g. 0.6 for a 40% shortfall).
 *
 * <p>Handlers joining the shift log in to the queue (QueueMemberAdded); handlers leaving finish their call first,
 * then log out (QueueMemberRemoved). A roster that never changes uses static members, as the recordings do.
 */
public final class Roster {

    /** A window of local time whose staffing is multiplied (rounded to whole people). */
    public record Shortfall(LocalDateTime from, LocalDateTime to, double factor) {
        public Shortfall {
            if (!to.isAfter(from) || !(factor >= 0)) {
                throw new IllegalArgumentException("a shortfall needs from < to and a factor >= 0");
            }
        }
    }

    private final int[] handlers;
    private final int[] clinicians;
    private final List<Shortfall> shortfalls;

    private Roster(int[] handlers, int[] clinicians, List<Shortfall> shortfalls) {
        if (handlers.length != 168 || clinicians.length != 168) {
            throw new IllegalArgumentException("a roster has 168 hourly values per queue");
        }
        for (int i = 0; i < 168; i++) {
            if (handlers[i] < 0 || clinicians[i] < 0) {
                throw new IllegalArgumentException("staff numbers must be zero or more");
            }
        }
        this.handlers = handlers.clone();
        this.clinicians = clinicians.clone();
        this.shortfalls = List.copyOf(shortfalls);
    }

    /** The same staff all week. */
    public static Roster flat(int handlers, int clinicians) {
        int[] h = new int[168];
        int[] c = new int[168];
        Arrays.fill(h, handlers);
        Arrays.fill(c, clinicians);
        return new Roster(h, c, List.of());
    }

    /** Any 168 hourly staff numbers, Monday 00:00 first. */
    public static Roster hourOfWeek(int[] handlers, int[] clinicians) {
        return new Roster(handlers, clinicians, List.of());
    }

    /**
     * Staff matched to a profile by a simple planning rule: enough people for the hour's offered load (arrival rate
     * times mean handle time) at the given occupancy, plus one, for handlers; the same for clinicians on the
     * transferred share. A planner's rule of thumb, not Erlang C: at the default occupancy (0.85) it keeps waits
     * short when the forecast is right.
     */
    public static Roster matching(ArrivalProfile profile, double handlerSecondsPerCall, double transferShare,
            double clinicianSecondsPerCall, double occupancy) {
        int[] h = new int[168];
        int[] c = new int[168];
        for (int i = 0; i < 168; i++) {
            double rate = profile.hourOfWeekRate(i);
            double handlerLoad = rate * handlerSecondsPerCall / 3600.0;
            double clinicianLoad = rate * transferShare * clinicianSecondsPerCall / 3600.0;
            h[i] = (int) Math.ceil(handlerLoad / occupancy) + 1;
            c[i] = (int) Math.ceil(clinicianLoad / occupancy) + (transferShare > 0 ? 1 : 0);
        }
        return new Roster(h, c, List.of());
    }

    public Roster withShortfall(Shortfall shortfall) {
        List<Shortfall> all = new ArrayList<>(shortfalls);
        all.add(shortfall);
        return new Roster(handlers, clinicians, all);
    }

    public int handlersAt(LocalDateTime time) {
        return apply(handlers[ArrivalProfile.index(time.getDayOfWeek(), time.getHour())], time);
    }

    public int cliniciansAt(LocalDateTime time) {
        return apply(clinicians[ArrivalProfile.index(time.getDayOfWeek(), time.getHour())], time);
    }

    private int apply(int planned, LocalDateTime time) {
        double factor = 1.0;
        for (Shortfall s : shortfalls) {
            if (!time.isBefore(s.from()) && time.isBefore(s.to())) {
                factor *= s.factor();
            }
        }
        return (int) Math.round(planned * factor);
    }

    /** The first local time after {@code time} where staffing may change. */
    LocalDateTime nextChange(LocalDateTime time) {
        LocalDateTime next = time.withMinute(0).withSecond(0).withNano(0).plusHours(1);
        for (Shortfall s : shortfalls) {
            for (LocalDateTime edge : List.of(s.from(), s.to())) {
                if (edge.isAfter(time) && edge.isBefore(next)) {
                    next = edge;
                }
            }
        }
        return next;
    }

    /** Whether staff numbers ever change (then members are dynamic: they log in and out). */
    public boolean varies() {
        return !shortfalls.isEmpty() || Arrays.stream(handlers).distinct().count() > 1
                || Arrays.stream(clinicians).distinct().count() > 1;
    }

    public int maxHandlers() {
        return Arrays.stream(handlers).max().orElse(0);
    }

    public int maxClinicians() {
        return Arrays.stream(clinicians).max().orElse(0);
    }

    public int[] hourOfWeekHandlers() {
        return handlers.clone();
    }

    public int[] hourOfWeekClinicians() {
        return clinicians.clone();
    }

    public List<Shortfall> shortfalls() {
        return shortfalls;
    }
}
