package io.switchboard.directory.reconciliation;

import io.agroal.api.AgroalDataSource;
import io.switchboard.directory.config.DirectoryConfig;
import io.switchboard.directory.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads a period's calls for the {@link Reconciler}: every call_state row whose call was offered in the period (or,
 * without a lifecycle, whose triage finished in it) with its stored outcome and what was read back from
 * calls.outcomes.v1, then the outcomes read back for calls directory-service holds nothing for. Rows are streamed
 * (a cursor), so a long period costs time, not memory.
 */
@ApplicationScoped
public class ReconciliationQuery {

    /** How long a published outcome may take to be read back from the topic before it counts as missing there. */
    static final Duration READ_BACK_GRACE = Duration.ofSeconds(60);
    /** At most this many unmatched calls are listed (all are counted). */
    static final int MAX_LISTED = 1000;

    private static final String PERIOD = "COALESCE(s.offered_at, s.last_triage_finished_at, s.first_seen_at)";
    private static final String TRACKED = "SELECT s.call_id, s.provider, s.region, s.offered_at, s.offered_seen, "
            + "s.lifecycle_events, s.max_sequence, s.answered_at, s.abandoned, s.contingency, s.ended_at, "
            + "s.end_reason, s.ended_seen_at, s.triage_outcomes, s.last_triage_status, s.last_triage_finished_at, "
            + "s.last_disposition_triage IS NOT NULL, s.late_triage_outcomes, s.last_late_triage_at, "
            + "s.last_late_triage_status, s.decided_at, o.result, o.published_at, COALESCE(t.records, 0), "
            + "COALESCE(t.payloads, 0), t.results "
            + "FROM call_state s LEFT JOIN call_outcome o ON o.call_id = s.call_id "
            + "LEFT JOIN LATERAL (SELECT count(*) AS records, count(DISTINCT payload_sha256) AS payloads, "
            + "string_agg(DISTINCT result, ', ' ORDER BY result) AS results FROM outcome_on_topic ot "
            + "WHERE ot.call_id = s.call_id) t ON TRUE "
            + "WHERE " + PERIOD + " >= ? AND " + PERIOD + " < ? ORDER BY " + PERIOD + ", s.call_id";
    private static final String ONLY_ON_TOPIC = "SELECT t.call_id, min(t.offered_at), count(*), "
            + "count(DISTINCT t.payload_sha256), string_agg(DISTINCT t.result, ', ' ORDER BY t.result) "
            + "FROM outcome_on_topic t WHERE t.offered_at >= ? AND t.offered_at < ? "
            + "AND NOT EXISTS (SELECT 1 FROM call_state s WHERE s.call_id = t.call_id) "
            + "GROUP BY t.call_id ORDER BY 2, 1";

    private final Jdbc jdbc;
    private final Reconciler reconciler;

    ReconciliationQuery(AgroalDataSource dataSource, DirectoryConfig config) {
        this.jdbc = Jdbc.of(dataSource);
        this.reconciler = new Reconciler(config.outcomes().settle(), config.outcomes().sweepInterval(),
                READ_BACK_GRACE, MAX_LISTED);
    }

    public Reconciler.Report report(Instant from, Instant to, Instant now) {
        Reconciler.Tally tally = reconciler.tally(from, to, now);
        jdbc.with(c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try {
                read(c, TRACKED, from, to, rs -> tally.add(tracked(rs)));
                read(c, ONLY_ON_TOPIC, from, to, rs -> tally.add(Reconciler.Call.onlyOnTopic(rs.getString(1),
                        instant(rs, 2), rs.getInt(3), rs.getInt(4), rs.getString(5))));
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
            return null;
        });
        return tally.report();
    }

    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void read(Connection c, String sql, Instant from, Instant to, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(500);
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private static Reconciler.Call tracked(ResultSet rs) throws SQLException {
        return new Reconciler.Call(rs.getString(1), true, rs.getString(2), rs.getString(3), instant(rs, 4),
                rs.getObject(5, Boolean.class), rs.getObject(6, Integer.class), rs.getObject(7, Integer.class),
                instant(rs, 8), rs.getBoolean(9), rs.getBoolean(10), instant(rs, 11), rs.getString(12),
                instant(rs, 13), rs.getObject(14, Integer.class), rs.getString(15), instant(rs, 16),
                rs.getBoolean(17), rs.getObject(18, Integer.class), instant(rs, 19), rs.getString(20),
                instant(rs, 21), rs.getString(22), instant(rs, 23), rs.getInt(24), rs.getInt(25), rs.getString(26));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
