package io.switchboard.directory.support;

import io.switchboard.directory.model.ServiceRecord;
import io.switchboard.directory.model.Sex;
import io.switchboard.directory.model.WeeklyHours;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ServiceRecord} for unit tests: Svc.of("a", "pharmacy").at(lat, lon).accepts("Dx28").weekdays(...). */
public final class Svc {

    private final String id;
    private final String type;
    private double lat = 53.8;
    private double lon = -1.55;
    private String[] dispositions = {"Dx05"};
    private int minAge = 0;
    private int maxAge = 130;
    private Sex sex = Sex.ANY;
    private int[] groups = new int[0];
    private boolean active = true;
    private String ods;
    private final List<int[]>[] days;
    private final Map<LocalDate, List<Integer>> dates = new HashMap<>();

    @SuppressWarnings("unchecked")
    private Svc(String id, String type) {
        this.id = id;
        this.type = type;
        this.days = new List[9];
    }

    public static Svc of(String id, String type) {
        return new Svc(id, type);
    }

    public Svc at(double lat, double lon) {
        this.lat = lat;
        this.lon = lon;
        return this;
    }

    public Svc accepts(String... codes) {
        this.dispositions = codes.clone();
        Arrays.sort(this.dispositions);
        return this;
    }

    public Svc ages(int min, int max) {
        this.minAge = min;
        this.maxAge = max;
        return this;
    }

    public Svc sex(Sex sex) {
        this.sex = sex;
        return this;
    }

    public Svc symptomGroups(int... groups) {
        this.groups = groups.clone();
        Arrays.sort(this.groups);
        return this;
    }

    public Svc inactive() {
        this.active = false;
        return this;
    }

    public Svc ods(String code) {
        this.ods = code;
        return this;
    }

    /** @param day 1..7 or 8 (bank holiday); times "HH:MM" */
    public Svc session(int day, String opens, String closes) {
        if (days[day] == null) {
            days[day] = new ArrayList<>();
        }
        int o = WeeklyHours.parseClock(opens);
        days[day].add(new int[] {o, WeeklyHours.closesAfter(o, WeeklyHours.parseClock(closes))});
        return this;
    }

    public Svc weekdays(String opens, String closes) {
        for (int d = 1; d <= 5; d++) {
            session(d, opens, closes);
        }
        return this;
    }

    public Svc everyDay(String opens, String closes) {
        for (int d = 1; d <= 8; d++) {
            session(d, opens, closes);
        }
        return this;
    }

    public Svc closedOn(LocalDate date) {
        dates.put(date, new ArrayList<>());
        return this;
    }

    public Svc specified(LocalDate date, String opens, String closes) {
        int o = WeeklyHours.parseClock(opens);
        List<Integer> list = dates.computeIfAbsent(date, d -> new ArrayList<>());
        list.add(o);
        list.add(WeeklyHours.closesAfter(o, WeeklyHours.parseClock(closes)));
        return this;
    }

    public ServiceRecord build() {
        int[][] byDay = new int[9][];
        for (int d = 1; d <= 8; d++) {
            if (days[d] != null) {
                int[] flat = new int[days[d].size() * 2];
                for (int i = 0; i < days[d].size(); i++) {
                    flat[2 * i] = days[d].get(i)[0];
                    flat[2 * i + 1] = days[d].get(i)[1];
                }
                byDay[d] = WeeklyHours.sortedPairs(flat);
            }
        }
        Map<LocalDate, int[]> specified = new HashMap<>();
        dates.forEach((date, list) -> specified.put(date,
                WeeklyHours.sortedPairs(list.stream().mapToInt(Integer::intValue).toArray())));
        return new ServiceRecord(id, id + " name", type, "org-" + id, "test-region", ods, active, minAge, maxAge, sex,
                groups, dispositions, List.of("electronic", "telephone"), "0113 000000", lat, lon, null,
                new WeeklyHours(byDay, specified));
    }
}
