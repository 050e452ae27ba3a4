package io.switchboard.directory.search;

import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.model.ServiceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The in-memory spatial index: for each disposition, the active services accepting it bucketed in a grid of
 * 0.1 x 0.1 degree cells (about 11 x 7 km in England). A search visits the cells overlapping the circle's bounding
 * box and measures the great-circle distance to each service there. Immutable; capacity is looked up live, so a
 * change applies to the next search without rebuilding anything.
 */
public final class GridIndex implements CandidateSource {

    static final double CELL_DEG = 0.1;

    private final ServiceRecord[] services;
    private final double[] lat;
    private final double[] lon;
    private final double[] cosLat;
    private final Map<String, Map<Long, int[]>> byDisposition;
    private final Function<String, CapacityState> capacity;

    public GridIndex(List<ServiceRecord> all, Function<String, CapacityState> capacity) {
        this.services = all.toArray(ServiceRecord[]::new);
        this.capacity = capacity;
        this.lat = new double[services.length];
        this.lon = new double[services.length];
        this.cosLat = new double[services.length];
        for (int i = 0; i < services.length; i++) {
            lat[i] = services[i].latitude();
            lon[i] = services[i].longitude();
            cosLat[i] = Geo.cosLat(lat[i]);
        }
        Map<String, Map<Long, List<Integer>>> building = new HashMap<>();
        for (int i = 0; i < services.length; i++) {
            ServiceRecord s = services[i];
            if (!s.active()) {
                continue;
            }
            long cell = cell(s.latitude(), s.longitude());
            for (String d : s.dispositions()) {
                building.computeIfAbsent(d, k -> new HashMap<>()).computeIfAbsent(cell, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Map<Long, int[]>> frozen = new HashMap<>();
        building.forEach((d, cells) -> {
            Map<Long, int[]> out = new HashMap<>(cells.size() * 2);
            cells.forEach((cell, ids) -> out.put(cell, ids.stream().mapToInt(Integer::intValue).toArray()));
            frozen.put(d, out);
        });
        this.byDisposition = frozen;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void within(String disposition, double latitude, double longitude, double radiusKm, SearchWindow window,
            Sink sink) {
        Map<Long, int[]> grid = byDisposition.get(disposition);
        if (grid == null) {
            return;
        }
        double dLat = radiusKm / Geo.KM_PER_DEGREE_LAT;
        double widestLat = Math.min(89.0, Math.max(Math.abs(latitude - dLat), Math.abs(latitude + dLat)));
        double dLon = Math.min(180.0, radiusKm / (Geo.KM_PER_DEGREE_LAT * Math.cos(Math.toRadians(widestLat))));
        int row0 = index(latitude - dLat);
        int row1 = index(latitude + dLat);
        int col0 = index(longitude - dLon);
        int col1 = index(longitude + dLon);
        double cos = Geo.cosLat(latitude);
        for (int r = row0; r <= row1; r++) {
            for (int c = col0; c <= col1; c++) {
                int[] ids = grid.get(key(r, c));
                if (ids == null) {
                    continue;
                }
                for (int id : ids) {
                    if (Math.abs(lat[id] - latitude) > dLat) {
                        continue;
                    }
                    double km = Geo.distanceKm(latitude, longitude, cos, lat[id], lon[id], cosLat[id]);
                    if (km <= radiusKm) {
                        ServiceRecord s = services[id];
                        sink.accept(s, capacity.apply(s.id()), km);
                    }
                }
            }
        }
    }

    private static int index(double degrees) {
        return (int) Math.floor(degrees / CELL_DEG);
    }

    private static long cell(double lat, double lon) {
        return key(index(lat), index(lon));
    }

    private static long key(int row, int col) {
        return ((long) row << 32) | (col & 0xffffffffL);
    }
}
