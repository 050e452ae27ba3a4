package io.switchboard.directory.store;

import io.switchboard.directory.model.ServiceRecord;
import io.switchboard.directory.model.Sex;
import io.switchboard.directory.model.WeeklyHours;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Collects one service's rows (the service, its dispositions, sessions, specified dates) into a {@link ServiceRecord}. */
public final class ServiceBuilder {

    /** The service columns, in the order {@link #fromRow} reads them (s = service, l = location). */
    public static final String COLUMNS = "s.id, s.name, s.type, s.organisation_id, s.region, s.ods_code, s.active, "
            + "s.min_age_years, s.max_age_years, s.sex, s.symptom_groups, s.referral_methods, s.telephone, "
            + "l.latitude, l.longitude, l.postcode";

    private String id;
    private String name;
    private String type;
    private String organisationId;
    private String region;
    private String odsCode;
    private boolean active;
    private int minAge;
    private int maxAge;
    private Sex sex;
    private int[] symptomGroups;
    private List<String> referralMethods;
    private String telephone;
    private double latitude;
    private double longitude;
    private String postcode;
    private final TreeSet<String> dispositions = new TreeSet<>();
    @SuppressWarnings("unchecked")
    private final List<int[]>[] sessions = new List[9];
    private final Map<LocalDate, List<int[]>> specified = new HashMap<>();

    public static ServiceBuilder fromRow(ResultSet rs) throws SQLException {
        ServiceBuilder b = new ServiceBuilder();
        b.id = rs.getString(1);
        b.name = rs.getString(2);
        b.type = rs.getString(3);
        b.organisationId = rs.getString(4);
        b.region = rs.getString(5);
        b.odsCode = rs.getString(6);
        b.active = rs.getBoolean(7);
        b.minAge = rs.getInt(8);
        b.maxAge = rs.getInt(9);
        b.sex = Sex.parse(rs.getString(10));
        b.symptomGroups = ints(rs.getArray(11));
        b.referralMethods = List.of(strings(rs.getArray(12)));
        b.telephone = rs.getString(13);
        b.latitude = rs.getDouble(14);
        b.longitude = rs.getDouble(15);
        b.postcode = rs.getString(16);
        return b;
    }

    public String id() {
        return id;
    }

    public ServiceBuilder disposition(String code) {
        dispositions.add(code);
        return this;
    }

    /** @param day 1..7 or 8 (bank holiday) */
    public ServiceBuilder session(int day, int opensMin, int closesMin) {
        if (sessions[day] == null) {
            sessions[day] = new ArrayList<>(2);
        }
        sessions[day].add(new int[] {opensMin, WeeklyHours.closesAfter(opensMin, closesMin)});
        return this;
    }

    /** A specified date: a session, or closed all day when opensMin is null. */
    public ServiceBuilder specifiedDate(LocalDate date, Integer opensMin, Integer closesMin) {
        List<int[]> day = specified.computeIfAbsent(date, d -> new ArrayList<>(1));
        if (opensMin != null && closesMin != null) {
            day.add(new int[] {opensMin, WeeklyHours.closesAfter(opensMin, closesMin)});
        }
        return this;
    }

    public ServiceRecord build() {
        return build(null);
    }

    /** @param timetables equal opening hours are shared through this pool (null: no sharing) */
    public ServiceRecord build(Map<WeeklyHours, WeeklyHours> timetables) {
        int[][] byDay = new int[9][];
        for (int d = 1; d <= 8; d++) {
            byDay[d] = sessions[d] == null ? null : flatten(sessions[d]);
        }
        Map<LocalDate, int[]> dates = new HashMap<>();
        specified.forEach((date, list) -> dates.put(date, flatten(list)));
        WeeklyHours hours = new WeeklyHours(byDay, dates);
        if (timetables != null) {
            hours = timetables.computeIfAbsent(hours, h -> h);
        }
        return new ServiceRecord(id, name, type, organisationId, region, odsCode, active, minAge, maxAge, sex,
                symptomGroups, dispositions.toArray(String[]::new), referralMethods, telephone, latitude, longitude,
                postcode, hours);
    }

    private static int[] flatten(List<int[]> pairs) {
        int[] out = new int[pairs.size() * 2];
        for (int i = 0; i < pairs.size(); i++) {
            out[2 * i] = pairs.get(i)[0];
            out[2 * i + 1] = pairs.get(i)[1];
        }
        return WeeklyHours.sortedPairs(out);
    }

    static int[] ints(Array array) throws SQLException {
        if (array == null) {
            return new int[0];
        }
        Object raw = array.getArray();
        int[] out;
        if (raw instanceof Integer[] boxed) {
            out = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        } else if (raw instanceof int[] plain) {
            out = plain.clone();
        } else {
            out = new int[0];
        }
        Arrays.sort(out);
        return out;
    }

    static String[] strings(Array array) throws SQLException {
        if (array == null) {
            return new String[0];
        }
        Object[] raw = (Object[]) array.getArray();
        return Arrays.stream(raw).map(String::valueOf).toArray(String[]::new);
    }

    public static long[] longs(Array array) throws SQLException {
        if (array == null) {
            return new long[0];
        }
        Object raw = array.getArray();
        if (raw instanceof Long[] boxed) {
            return Arrays.stream(boxed).mapToLong(Long::longValue).toArray();
        }
        if (raw instanceof long[] plain) {
            return plain;
        }
        return new long[0];
    }
}
