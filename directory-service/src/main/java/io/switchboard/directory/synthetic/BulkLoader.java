package io.switchboard.directory.synthetic;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads many services at once with PostgreSQL's COPY, in one transaction (100,000 services with their sessions in
 * seconds), then refreshes the planner's statistics.
 */
public final class BulkLoader {

    private BulkLoader() {
    }

    /** @return rows loaded per table */
    public static Map<String, Integer> load(Connection c, List<SyntheticService> services) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Integer> counts = new LinkedHashMap<>();
            StringBuilder orgs = new StringBuilder();
            String lastOrg = null;
            int orgCount = 0;
            for (SyntheticService s : services) {
                if (!s.organisationId().equals(lastOrg)) {
                    row(orgs, s.organisationId(), s.organisationName(), null, null);
                    lastOrg = s.organisationId();
                    orgCount++;
                }
            }
            copy(copy, "organisation (id, name, ods_code, description)", orgs);
            counts.put("organisation", orgCount);

            StringBuilder locations = new StringBuilder();
            StringBuilder rows = new StringBuilder();
            StringBuilder dispositions = new StringBuilder();
            StringBuilder sessions = new StringBuilder();
            StringBuilder specified = new StringBuilder();
            StringBuilder capacity = new StringBuilder();
            int nd = 0;
            int ns = 0;
            int nx = 0;
            int nc = 0;
            String now = Instant.now().toString();
            for (SyntheticService s : services) {
                row(locations, s.locationId(), s.name(), s.town(), s.postcode(), Double.toString(s.latitude()),
                        Double.toString(s.longitude()));
                row(rows, s.id(), s.organisationId(), s.locationId(), s.name(), s.type(), s.region(), s.odsCode(),
                        Boolean.toString(s.active()), Integer.toString(s.minAge()), Integer.toString(s.maxAge()),
                        s.sex(), array(Arrays.stream(s.symptomGroups()).mapToObj(Integer::toString).toList()),
                        array(s.referralMethods()), s.telephone());
                for (String d : s.dispositions()) {
                    row(dispositions, s.id(), d);
                    nd++;
                }
                for (int[] session : s.sessions()) {
                    row(sessions, s.id(), Integer.toString(session[0]), Integer.toString(session[1]),
                            Integer.toString(session[2]));
                    ns++;
                }
                for (SyntheticService.SpecifiedDate date : s.specified()) {
                    row(specified, s.id(), date.date().toString(),
                            date.opens() == null ? null : date.opens().toString(),
                            date.closes() == null ? null : date.closes().toString());
                    nx++;
                }
                if (s.capacity() != null) {
                    row(capacity, s.id(), s.capacity(), "synthetic-dataset", now);
                    nc++;
                }
            }
            copy(copy, "location (id, name, address, postcode, latitude, longitude)", locations);
            counts.put("location", services.size());
            copy(copy, "service (id, organisation_id, location_id, name, type, region, ods_code, active, "
                    + "min_age_years, max_age_years, sex, symptom_groups, referral_methods, telephone)", rows);
            counts.put("service", services.size());
            copy(copy, "service_disposition (service_id, disposition_code)", dispositions);
            counts.put("service_disposition", nd);
            copy(copy, "opening_session (service_id, day, opens_min, closes_min)", sessions);
            counts.put("opening_session", ns);
            copy(copy, "opening_exception (service_id, date, opens_min, closes_min)", specified);
            counts.put("opening_exception", nx);
            copy(copy, "capacity (service_id, status, set_by, set_at)", capacity);
            counts.put("capacity", nc);
            c.commit();
            try (Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("ANALYZE");
            }
            return counts;
        } catch (SQLException | RuntimeException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void copy(CopyManager copy, String table, StringBuilder csv) throws SQLException {
        try {
            copy.copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }

    private static String array(List<String> values) {
        return values.stream().collect(Collectors.joining(",", "{", "}"));
    }

    /** One CSV line; null is an empty unquoted field (NULL in COPY's csv format). */
    private static void row(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields[i];
            if (f == null) {
                continue;
            }
            out.append('"').append(f.replace("\"", "\"\"")).append('"');
        }
        out.append('\n');
    }
}
