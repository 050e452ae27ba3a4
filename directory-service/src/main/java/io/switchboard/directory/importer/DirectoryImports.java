package io.switchboard.directory.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.switchboard.directory.index.DirectoryIndex;
import io.switchboard.directory.model.Capacity;
import io.switchboard.directory.store.Jdbc;
import io.switchboard.directory.store.Postcodes;
import io.switchboard.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Imports (CSV, HSDS JSON, postcodes) and the HSDS export. Each good row is written under its own savepoint, so a
 * row the database refuses is reported like a row that failed validation and the others still load. The in-memory
 * index reloads before the import answers, so searches see the new data at once.
 */
@ApplicationScoped
public class DirectoryImports {

    private final Jdbc jdbc;
    private final Postcodes postcodes;
    private final DirectoryIndex index;

    DirectoryImports(AgroalDataSource dataSource, Postcodes postcodes, DirectoryIndex index) {
        this.jdbc = Jdbc.of(dataSource);
        this.postcodes = postcodes;
        this.index = index;
    }

    public ImportReport importCsv(String text, String by) {
        CsvServices.Parsed parsed;
        try {
            parsed = CsvServices.parse(text == null ? "" : text, postcodes::resolve);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        List<ImportReport.Rejected> rejected = new ArrayList<>(parsed.rejected());
        int loaded = write(parsed.good().size(), i -> parsed.good().get(i).draft(), i -> null, by,
                (i, reason) -> rejected.add(new ImportReport.Rejected(parsed.good().get(i).line(), null, null,
                        parsed.good().get(i).draft().id(), reason)));
        rejected.sort(java.util.Comparator.comparing(ImportReport.Rejected::row));
        return new ImportReport("csv", parsed.read(), loaded, rejected);
    }

    public ImportReport importHsds(JsonNode document, String by) {
        Hsds.Parsed parsed;
        try {
            parsed = Hsds.parse(document, this::organisationExists);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        List<ImportReport.Rejected> rejected = new ArrayList<>(parsed.rejected());
        int loaded = write(parsed.good().size(), parsed.good()::get, parsed.goodCapacity()::get, by,
                (i, reason) -> rejected.add(new ImportReport.Rejected(null, "services", null,
                        parsed.good().get(i).id(), reason)));
        return new ImportReport("hsds", parsed.read(), loaded, rejected);
    }

    /** CSV {@code postcode,latitude,longitude[,region][,search_distance_km]} with a header line. */
    public ImportReport importPostcodes(String text) {
        List<Csv.Record> records = Csv.parse(text == null ? "" : text);
        if (records.isEmpty()) {
            throw ProblemException.badRequest("The CSV is empty: a header line is required");
        }
        List<String> header = records.get(0).fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        if (!header.containsAll(List.of("postcode", "latitude", "longitude"))) {
            throw ProblemException.badRequest("The header must name postcode, latitude and longitude");
        }
        List<ImportReport.Rejected> rejected = new ArrayList<>();
        int[] loaded = {0};
        jdbc.with(c -> {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO postcode (code, latitude, longitude, region, "
                    + "search_distance_km) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                    + "latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, region = EXCLUDED.region, "
                    + "search_distance_km = EXCLUDED.search_distance_km")) {
                for (Csv.Record r : records.subList(1, records.size())) {
                    List<String> errors = new ArrayList<>();
                    String code = null;
                    try {
                        code = Postcodes.normalise(field(r, header, "postcode"));
                    } catch (IllegalArgumentException e) {
                        errors.add(e.getMessage());
                    }
                    Double lat = Drafts.coordinate("latitude", field(r, header, "latitude"), 90, errors);
                    Double lon = Drafts.coordinate("longitude", field(r, header, "longitude"), 180, errors);
                    if (lat == null || lon == null) {
                        if (errors.isEmpty()) {
                            errors.add("latitude and longitude are required");
                        }
                    }
                    Double distance = null;
                    String d = field(r, header, "search_distance_km");
                    if (d != null && !d.isBlank()) {
                        distance = Drafts.coordinate("search_distance_km", d, 200, errors);
                        if (distance != null && distance <= 0) {
                            errors.add("search_distance_km must be above 0");
                        }
                    }
                    if (!errors.isEmpty()) {
                        rejected.add(new ImportReport.Rejected(r.line(), null, null, code, String.join("; ", errors)));
                        continue;
                    }
                    ps.setString(1, code);
                    ps.setDouble(2, lat);
                    ps.setDouble(3, lon);
                    String region = field(r, header, "region");
                    ps.setString(4, region == null || region.isBlank() ? null : region.trim());
                    ps.setObject(5, distance);
                    ps.addBatch();
                    loaded[0]++;
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
        postcodes.clearCache();
        return new ImportReport("postcodes-csv", records.size() - 1, loaded[0], rejected);
    }

    public Map<String, Integer> setRanks(String region, Map<String, Integer> ranks) {
        List<String> errors = new ArrayList<>();
        ranks.forEach((type, rank) -> {
            if (!Drafts.TYPE.matcher(type).matches()) {
                errors.add("'" + type + "' is not a service type");
            }
            if (rank == null || rank < 1 || rank > 10) {
                errors.add(type + ": rank must be 1 to 10");
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", errors));
        }
        jdbc.with(c -> {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM commissioner_rank WHERE region = ?")) {
                    ps.setString(1, region);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO commissioner_rank (region, service_type, rank) VALUES (?, ?, ?)")) {
                    for (Map.Entry<String, Integer> e : ranks.entrySet()) {
                        ps.setString(1, region);
                        ps.setString(2, e.getKey());
                        ps.setInt(3, e.getValue());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
        index.reload();
        return ranks(region);
    }

    public Map<String, Integer> ranks(String region) {
        Map<String, Integer> out = new LinkedHashMap<>();
        jdbc.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT service_type, rank FROM commissioner_rank WHERE region = ? ORDER BY rank, service_type")) {
                ps.setString(1, region);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** A page of the directory in the HSDS shape, services ordered by id. */
    public ObjectNode exportHsds(String region, int offset, int limit) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode doc = json.objectNode();
        ArrayNode organizations = doc.putArray("organizations");
        ArrayNode locations = doc.putArray("locations");
        ArrayNode services = doc.putArray("services");
        jdbc.with(c -> {
            Map<String, ObjectNode> byId = new LinkedHashMap<>();
            Map<String, Boolean> orgs = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.organisation_id, o.name, s.name, "
                    + "s.description, s.active, s.min_age_years, s.max_age_years, s.type, s.region, s.ods_code, s.sex, "
                    + "s.symptom_groups, s.referral_methods, s.telephone, s.referral_endpoint, l.id, l.name, l.address, "
                    + "l.postcode, l.latitude, l.longitude, "
                    + "ARRAY(SELECT disposition_code FROM service_disposition d WHERE d.service_id = s.id "
                    + "ORDER BY disposition_code) FROM service s JOIN organisation o ON o.id = s.organisation_id "
                    + "JOIN location l ON l.id = s.location_id WHERE (?::varchar IS NULL OR s.region = ?) "
                    + "ORDER BY s.id OFFSET ? LIMIT ?")) {
                ps.setString(1, region);
                ps.setString(2, region);
                ps.setInt(3, offset);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (orgs.put(rs.getString(2), true) == null) {
                            organizations.addObject().put("id", rs.getString(2)).put("name", rs.getString(3));
                        }
                        List<Integer> groups = Arrays.stream((Integer[]) rs.getArray(13).getArray()).toList();
                        List<String> methods = Arrays.stream((Object[]) rs.getArray(14).getArray()).map(String::valueOf)
                                .toList();
                        List<String> dispositions = Arrays.stream((Object[]) rs.getArray(23).getArray())
                                .map(String::valueOf).toList();
                        ObjectNode s = Hsds.service(id, rs.getString(2), rs.getString(4), rs.getString(5),
                                rs.getBoolean(6), rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getString(10),
                                rs.getString(11), rs.getString(12), groups, dispositions, methods, rs.getString(15),
                                rs.getString(16));
                        String locationId = rs.getString(17);
                        s.putArray("service_at_locations").addObject().put("id", id + "@" + locationId)
                                .put("service_id", id).put("location_id", locationId);
                        ObjectNode l = locations.addObject();
                        l.put("id", locationId);
                        if (rs.getString(18) != null) {
                            l.put("name", rs.getString(18));
                        }
                        l.put("latitude", rs.getDouble(21)).put("longitude", rs.getDouble(22));
                        ObjectNode address = l.putArray("addresses").addObject();
                        if (rs.getString(19) != null) {
                            address.put("address_1", rs.getString(19));
                        }
                        if (rs.getString(20) != null) {
                            address.put("postal_code", rs.getString(20));
                        }
                        address.put("country", "GB");
                        s.putArray("schedules");
                        s.putArray("service_capacity");
                        byId.put(id, s);
                        services.add(s);
                    }
                }
            }
            if (byId.isEmpty()) {
                return null;
            }
            java.sql.Array ids = c.createArrayOf("varchar", byId.keySet().toArray());
            try (PreparedStatement ps = c.prepareStatement("SELECT service_id, day, opens_min, closes_min FROM "
                    + "opening_session WHERE service_id = ANY (?) ORDER BY service_id, day, opens_min")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ((ArrayNode) byId.get(rs.getString(1)).get("schedules"))
                                .add(Hsds.weekly(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT service_id, date, opens_min, closes_min FROM "
                    + "opening_exception WHERE service_id = ANY (?) ORDER BY service_id, date, opens_min")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ((ArrayNode) byId.get(rs.getString(1)).get("schedules")).add(Hsds.specifiedDate(
                                rs.getString(1), rs.getObject(2, LocalDate.class), (Integer) rs.getObject(3),
                                (Integer) rs.getObject(4)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT service_id, status, set_at, reset_at FROM capacity "
                    + "WHERE service_id = ANY (?)")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Capacity status = Capacity.parse(rs.getString(2));
                        ObjectNode cap = ((ArrayNode) byId.get(rs.getString(1)).get("service_capacity")).addObject();
                        cap.put("id", rs.getString(1) + "-capacity").put("service_id", rs.getString(1));
                        cap.putObject("unit").put("name", Hsds.CAPACITY_UNIT);
                        cap.put("available", 2 - status.ordinal()).put("maximum", 2)
                                .put("description", status.wireName())
                                .put("updated", rs.getTimestamp(3).toInstant().toString());
                    }
                }
            }
            return null;
        });
        return doc;
    }

    private boolean organisationExists(String id) {
        return jdbc.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM organisation WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private interface Rejector {
        void reject(int index, String reason);
    }

    private int write(int count, java.util.function.IntFunction<ServiceDraft> draft,
            java.util.function.IntFunction<String> capacity, String by, Rejector rejector) {
        if (count == 0) {
            return 0;
        }
        int loaded = jdbc.with(c -> {
            c.setAutoCommit(false);
            int ok = 0;
            try {
                for (int i = 0; i < count; i++) {
                    Savepoint savepoint = c.setSavepoint();
                    try {
                        ServiceDraft d = draft.apply(i);
                        DirectoryWriter.upsert(c, d);
                        String cap = capacity.apply(i);
                        if (cap != null) {
                            capacity(c, d.id(), cap, by);
                        }
                        c.releaseSavepoint(savepoint);
                        ok++;
                    } catch (SQLException e) {
                        c.rollback(savepoint);
                        rejector.reject(i, "the database refused it: " + firstLine(e.getMessage()));
                    }
                }
                c.commit();
                return ok;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
        index.reload();
        return loaded;
    }

    private static void capacity(Connection c, String serviceId, String status, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO capacity (service_id, status, set_by, set_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (service_id) DO UPDATE SET status = EXCLUDED.status, "
                + "set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at, reset_at = NULL, reason = 'imported' "
                + "WHERE capacity.status <> EXCLUDED.status")) {
            ps.setString(1, serviceId);
            ps.setString(2, status);
            ps.setString(3, by);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    private static String field(Csv.Record r, List<String> header, String name) {
        int i = header.indexOf(name);
        return i < 0 || i >= r.fields().size() ? null : r.fields().get(i);
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
    }

    /** For tests and tools: whether a postcode resolves. */
    public Optional<Postcodes.Resolved> resolve(String postcode) {
        return postcodes.resolve(postcode);
    }
}
