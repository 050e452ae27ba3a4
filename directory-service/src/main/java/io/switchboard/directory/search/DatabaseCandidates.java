package io.switchboard.directory.search;

import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.store.DirectoryReader;
import io.switchboard.directory.store.Jdbc;
import io.switchboard.directory.store.ServiceBuilder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;

/**
 * The database spatial approach: one query per search (and per widening step) finds the active services accepting
 * the disposition inside the earthdistance bounding cube of the circle, using the GiST index
 * {@code location_earth}, and brings each one's sessions, specified dates in the window and capacity with it. The
 * exact great-circle distance is then measured here, as in {@link GridIndex}, so both approaches agree exactly.
 */
public final class DatabaseCandidates implements CandidateSource {

    private static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);
    /** earthdistance's sphere (6378.168 km) is a little larger than ours: a slightly larger cube loses nothing. */
    private static final double CUBE_MARGIN = 1.01;

    static final String SQL = "SELECT " + ServiceBuilder.COLUMNS + ", "
            + "c.status, c.set_by, c.set_at, c.reset_at, c.reason, "
            + "ARRAY(SELECT os.day::bigint * 100000000 + os.opens_min * 10000 + os.closes_min "
            + "      FROM opening_session os WHERE os.service_id = s.id) AS sessions, "
            + "ARRAY(SELECT (oe.date - DATE '2000-01-01')::bigint * 100000000 + coalesce(oe.opens_min, 9999) * 10000 "
            + "             + coalesce(oe.closes_min, 9999) "
            + "      FROM opening_exception oe WHERE oe.service_id = s.id AND oe.date BETWEEN ? AND ?) AS specified "
            + "FROM location l "
            + "JOIN service s ON s.location_id = l.id AND s.active "
            + "JOIN service_disposition sd ON sd.service_id = s.id AND sd.disposition_code = ? "
            + "LEFT JOIN capacity c ON c.service_id = s.id "
            + "WHERE earth_box(ll_to_earth(?, ?), ?) @> ll_to_earth(l.latitude, l.longitude)";

    private final Jdbc jdbc;

    public DatabaseCandidates(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public void within(String disposition, double latitude, double longitude, double radiusKm, SearchWindow window,
            Sink sink) {
        jdbc.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setObject(1, window.firstDate());
                ps.setObject(2, window.lastDate());
                ps.setString(3, disposition);
                ps.setDouble(4, latitude);
                ps.setDouble(5, longitude);
                ps.setDouble(6, radiusKm * 1000 * CUBE_MARGIN);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ServiceBuilder b = ServiceBuilder.fromRow(rs).disposition(disposition);
                        CapacityState capacity = DirectoryReader.capacity(rs, 17);
                        for (long v : ServiceBuilder.longs(rs.getArray(22))) {
                            b.session((int) (v / 100_000_000L), (int) (v / 10_000 % 10_000), (int) (v % 10_000));
                        }
                        for (long v : ServiceBuilder.longs(rs.getArray(23))) {
                            int opens = (int) (v / 10_000 % 10_000);
                            int closes = (int) (v % 10_000);
                            b.specifiedDate(EPOCH.plusDays(v / 100_000_000L), opens == 9999 ? null : opens,
                                    closes == 9999 ? null : closes);
                        }
                        var service = b.build();
                        double km = Geo.distanceKm(latitude, longitude, service.latitude(), service.longitude());
                        if (km <= radiusKm) {
                            sink.accept(service, capacity == null ? CapacityState.DEFAULT : capacity, km);
                        }
                    }
                }
            }
            return null;
        });
    }
}
