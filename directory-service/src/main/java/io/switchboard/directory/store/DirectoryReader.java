package io.switchboard.directory.store;

import io.switchboard.directory.model.Capacity;
import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.model.DispositionInfo;
import io.switchboard.directory.model.ServiceRecord;
import io.switchboard.directory.search.ReferenceData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the directory from PostgreSQL: the whole of it for the in-memory index, or the reference tables alone. */
public final class DirectoryReader {

    private DirectoryReader() {
    }

    /** The whole directory, consistently: every table is read in one REPEATABLE READ transaction. */
    public static DirectoryData readAll(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            long version = version(c);
            Map<String, ServiceBuilder> builders = new LinkedHashMap<>();
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery("SELECT " + ServiceBuilder.COLUMNS
                        + " FROM service s JOIN location l ON l.id = s.location_id ORDER BY s.id")) {
                    while (rs.next()) {
                        ServiceBuilder b = ServiceBuilder.fromRow(rs);
                        builders.put(b.id(), b);
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT service_id, disposition_code FROM service_disposition")) {
                    while (rs.next()) {
                        ServiceBuilder b = builders.get(rs.getString(1));
                        if (b != null) {
                            b.disposition(rs.getString(2));
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT service_id, day, opens_min, closes_min FROM opening_session")) {
                    while (rs.next()) {
                        ServiceBuilder b = builders.get(rs.getString(1));
                        if (b != null) {
                            b.session(rs.getInt(2), rs.getInt(3), rs.getInt(4));
                        }
                    }
                }
                // Specified dates in the past cannot matter to a search any more.
                try (ResultSet rs = s.executeQuery("SELECT service_id, date, opens_min, closes_min "
                        + "FROM opening_exception WHERE date >= current_date - 14")) {
                    while (rs.next()) {
                        ServiceBuilder b = builders.get(rs.getString(1));
                        if (b != null) {
                            b.specifiedDate(rs.getObject(2, LocalDate.class), (Integer) rs.getObject(3),
                                    (Integer) rs.getObject(4));
                        }
                    }
                }
            }
            List<ServiceRecord> services = new ArrayList<>(builders.size());
            Map<io.switchboard.directory.model.WeeklyHours, io.switchboard.directory.model.WeeklyHours> timetables =
                    new HashMap<>();
            builders.values().forEach(b -> services.add(b.build(timetables)));
            ReferenceData reference = reference(c);
            Map<String, CapacityState> capacities = capacities(c, null);
            c.commit();
            return new DirectoryData(version, services, reference, capacities, Instant.now());
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
        }
    }

    public static long version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT version FROM directory_version WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public static ReferenceData reference(Connection c) throws SQLException {
        Set<LocalDate> holidays = new HashSet<>();
        Map<String, Map<String, Integer>> ranks = new HashMap<>();
        Map<String, DispositionInfo> dispositions = new HashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT date FROM bank_holiday")) {
                while (rs.next()) {
                    holidays.add(rs.getObject(1, LocalDate.class));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT region, service_type, rank FROM commissioner_rank")) {
                while (rs.next()) {
                    ranks.computeIfAbsent(rs.getString(1), r -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT code, name, timeframe_minutes, care_setting, outcome_group, "
                    + "needs_service FROM disposition")) {
                while (rs.next()) {
                    dispositions.put(rs.getString(1), new DispositionInfo(rs.getString(1), rs.getString(2),
                            rs.getInt(3), rs.getString(4), rs.getString(5), rs.getBoolean(6)));
                }
            }
        }
        Map<String, Map<String, Integer>> frozen = new HashMap<>();
        ranks.forEach((region, byType) -> frozen.put(region, Map.copyOf(byType)));
        return new ReferenceData(Set.copyOf(holidays), Map.copyOf(frozen), Map.copyOf(dispositions));
    }

    /** Capacity rows, all of them or those set after {@code since}. */
    public static Map<String, CapacityState> capacities(Connection c, Instant since) throws SQLException {
        Map<String, CapacityState> out = new HashMap<>();
        String sql = "SELECT service_id, status, set_by, set_at, reset_at, reason FROM capacity"
                + (since == null ? "" : " WHERE set_at > ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (since != null) {
                ps.setTimestamp(1, Timestamp.from(since));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), capacity(rs, 2));
                }
            }
        }
        return out;
    }

    /** A capacity from columns status, set_by, set_at, reset_at, reason starting at {@code first}; null when absent. */
    public static CapacityState capacity(ResultSet rs, int first) throws SQLException {
        String status = rs.getString(first);
        if (status == null) {
            return null;
        }
        Timestamp resetAt = rs.getTimestamp(first + 3);
        return new CapacityState(Capacity.parse(status), rs.getString(first + 1), rs.getTimestamp(first + 2).toInstant(),
                resetAt == null ? null : resetAt.toInstant(), rs.getString(first + 4));
    }
}
