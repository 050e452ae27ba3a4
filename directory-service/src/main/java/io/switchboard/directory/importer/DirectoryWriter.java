package io.switchboard.directory.importer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Writes one service with its organisation, location, dispositions and opening times (insert or replace). */
final class DirectoryWriter {

    private DirectoryWriter() {
    }

    static void upsert(Connection c, ServiceDraft d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO organisation (id, name) VALUES (?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name")) {
            ps.setString(1, d.organisationId());
            ps.setString(2, d.organisationName() == null ? d.organisationId() : d.organisationName());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO location (id, name, address, postcode, latitude, "
                + "longitude) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
                + "address = EXCLUDED.address, postcode = EXCLUDED.postcode, latitude = EXCLUDED.latitude, "
                + "longitude = EXCLUDED.longitude")) {
            ps.setString(1, d.locationId());
            ps.setString(2, d.locationName());
            ps.setString(3, d.address());
            ps.setString(4, d.postcode());
            ps.setDouble(5, d.latitude());
            ps.setDouble(6, d.longitude());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO service (id, organisation_id, location_id, name, "
                + "type, region, ods_code, active, min_age_years, max_age_years, sex, symptom_groups, referral_methods, "
                + "telephone, referral_endpoint, description, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) ON CONFLICT (id) DO UPDATE SET "
                + "organisation_id = EXCLUDED.organisation_id, location_id = EXCLUDED.location_id, "
                + "name = EXCLUDED.name, type = EXCLUDED.type, region = EXCLUDED.region, ods_code = EXCLUDED.ods_code, "
                + "active = EXCLUDED.active, min_age_years = EXCLUDED.min_age_years, "
                + "max_age_years = EXCLUDED.max_age_years, sex = EXCLUDED.sex, symptom_groups = EXCLUDED.symptom_groups, "
                + "referral_methods = EXCLUDED.referral_methods, telephone = EXCLUDED.telephone, "
                + "referral_endpoint = EXCLUDED.referral_endpoint, description = EXCLUDED.description, "
                + "updated_at = now()")) {
            ps.setString(1, d.id());
            ps.setString(2, d.organisationId());
            ps.setString(3, d.locationId());
            ps.setString(4, d.name());
            ps.setString(5, d.type());
            ps.setString(6, d.region());
            ps.setString(7, d.odsCode());
            ps.setBoolean(8, d.active());
            ps.setInt(9, d.minAge());
            ps.setInt(10, d.maxAge());
            ps.setString(11, d.sex());
            Array groups = c.createArrayOf("int4", d.symptomGroups().toArray());
            ps.setArray(12, groups);
            Array methods = c.createArrayOf("varchar", d.referralMethods().toArray());
            ps.setArray(13, methods);
            ps.setString(14, d.telephone());
            ps.setString(15, d.referralEndpoint());
            ps.setString(16, d.description());
            ps.executeUpdate();
        }
        for (String table : new String[] {"service_disposition", "opening_session", "opening_exception"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE service_id = ?")) {
                ps.setString(1, d.id());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO service_disposition (service_id, disposition_code) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (String code : d.dispositions()) {
                ps.setString(1, d.id());
                ps.setString(2, code);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO opening_session (service_id, day, opens_min, "
                + "closes_min) VALUES (?, ?, ?, ?) ON CONFLICT (service_id, day, opens_min) DO UPDATE SET "
                + "closes_min = GREATEST(opening_session.closes_min, EXCLUDED.closes_min)")) {
            for (int[] s : d.sessions()) {
                ps.setString(1, d.id());
                ps.setInt(2, s[0]);
                ps.setInt(3, s[1]);
                ps.setInt(4, s[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO opening_exception (service_id, date, opens_min, "
                + "closes_min) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (ServiceDraft.Specified s : d.specified()) {
                ps.setString(1, d.id());
                ps.setObject(2, s.date());
                if (s.opens() == null) {
                    ps.setNull(3, Types.SMALLINT);
                    ps.setNull(4, Types.SMALLINT);
                } else {
                    ps.setInt(3, s.opens());
                    ps.setInt(4, s.closes());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
