package io.switchboard.directory.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Postcode to coordinates, region and stored search distance. A full postcode is looked up as itself, its sector
 * and its district, most precise first: coordinates from the first that has them, the search distance likewise.
 * Answers are cached; importing postcodes clears the cache.
 */
@ApplicationScoped
public class Postcodes {

    private static final Pattern INWARD = Pattern.compile("[0-9][A-Z]{2}");
    private static final Pattern OUTWARD = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?");
    private static final int CACHE_LIMIT = 100_000;

    private final Jdbc jdbc;
    private final Map<String, Optional<Resolved>> cache = new ConcurrentHashMap<>();

    Postcodes(AgroalDataSource dataSource) {
        this.jdbc = Jdbc.of(dataSource);
    }

    /**
     * @param matchedCode the row the coordinates came from (the postcode, its sector or its district)
     * @param searchDistanceKm distance stored for the postcode, sector or district; null when none is
     */
    public record Resolved(String postcode, String matchedCode, double latitude, double longitude, String region,
            Double searchDistanceKm) {
    }

    /** "ls14ap" -> "LS1 4AP", "ls1" -> "LS1", "LS1 4" -> "LS1 4"; IllegalArgumentException if it is no postcode. */
    public static String normalise(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("postcode is missing");
        }
        String compact = raw.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (compact.length() >= 5 && INWARD.matcher(compact.substring(compact.length() - 3)).matches()
                && OUTWARD.matcher(compact.substring(0, compact.length() - 3)).matches()) {
            return compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
        }
        String trimmed = raw.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (trimmed.matches("[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]")) {
            return trimmed; // a sector: "LS1 4" (not the district LS14)
        }
        if (OUTWARD.matcher(compact).matches()) {
            return compact;
        }
        throw new IllegalArgumentException("'" + raw + "' is not a UK postcode");
    }

    /** The codes to look up for a normalised postcode, most precise first. */
    static List<String> lookups(String normalised) {
        int space = normalised.indexOf(' ');
        if (space < 0) {
            return List.of(normalised);
        }
        String outward = normalised.substring(0, space);
        String inward = normalised.substring(space + 1);
        if (inward.length() == 1) {
            return List.of(normalised, outward);
        }
        return List.of(normalised, outward + " " + inward.charAt(0), outward);
    }

    public Optional<Resolved> resolve(String postcode) {
        String normalised = normalise(postcode);
        Optional<Resolved> cached = cache.get(normalised);
        if (cached != null) {
            return cached;
        }
        Optional<Resolved> found = lookup(normalised);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(normalised, found);
        return found;
    }

    public void clearCache() {
        cache.clear();
    }

    private Optional<Resolved> lookup(String normalised) {
        List<String> codes = lookups(normalised);
        Map<String, Object[]> rows = new HashMap<>();
        jdbc.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT code, latitude, longitude, region, "
                    + "search_distance_km FROM postcode WHERE code = ANY (?)")) {
                Array array = c.createArrayOf("varchar", codes.toArray());
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), new Object[] {rs.getObject(2), rs.getObject(3), rs.getString(4),
                                rs.getObject(5)});
                    }
                }
            }
            return null;
        });
        Object[] located = null;
        String matched = null;
        Double distance = null;
        String region = null;
        for (String code : codes) {
            Object[] row = rows.get(code);
            if (row == null) {
                continue;
            }
            if (located == null && row[0] != null) {
                located = row;
                matched = code;
            }
            if (distance == null && row[3] != null) {
                distance = ((Number) row[3]).doubleValue();
            }
            if (region == null && row[2] != null) {
                region = (String) row[2];
            }
        }
        if (located == null) {
            return Optional.empty();
        }
        return Optional.of(new Resolved(normalised, matched, ((Number) located[0]).doubleValue(),
                ((Number) located[1]).doubleValue(), region, distance));
    }
}
