package io.switchboard.directory.store;

import io.switchboard.directory.model.DispositionInfo;
import io.switchboard.events.DispositionCatalogue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The directory's table of dispositions, filled from the one catalogue of the event contract (the same entries
 * triage-service validates its pathways against and publishes), so the directory and triage never disagree.
 */
public final class DispositionTable {

    private DispositionTable() {
    }

    /** As the directory keeps a catalogue entry: no service is searched for the ambulance and self-care groups. */
    public static DispositionInfo of(DispositionCatalogue.Entry entry) {
        return new DispositionInfo(entry.code(), entry.name(), entry.timeframeMinutes(), entry.careSetting(),
                entry.group(), entry.needsService());
    }

    /**
     * Inserts every entry of the catalogue and corrects any row that differs from it. Rows of codes the catalogue
     * does not have are left alone: the catalogue never removes a code, so such a row was added by a newer release
     * (an older instance restarting during a rolling deployment must not take it away).
     *
     * @return how many rows were inserted or corrected
     */
    public static int sync(Connection c, DispositionCatalogue catalogue) throws SQLException {
        int changed = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO disposition (code, name, timeframe_minutes, "
                + "care_setting, outcome_group, needs_service) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, "
                + "timeframe_minutes = EXCLUDED.timeframe_minutes, care_setting = EXCLUDED.care_setting, "
                + "outcome_group = EXCLUDED.outcome_group, needs_service = EXCLUDED.needs_service "
                + "WHERE (disposition.name, disposition.timeframe_minutes, disposition.care_setting, "
                + "disposition.outcome_group, disposition.needs_service) IS DISTINCT FROM (EXCLUDED.name, "
                + "EXCLUDED.timeframe_minutes, EXCLUDED.care_setting, EXCLUDED.outcome_group, EXCLUDED.needs_service)")) {
            for (DispositionCatalogue.Entry entry : catalogue.all()) {
                DispositionInfo row = of(entry);
                ps.setString(1, row.code());
                ps.setString(2, row.name());
                ps.setInt(3, row.timeframeMinutes());
                ps.setString(4, row.careSetting());
                ps.setString(5, row.group());
                ps.setBoolean(6, row.needsService());
                changed += ps.executeUpdate();
            }
        }
        return changed;
    }
}
