package io.switchboard.directory.importer;

import java.time.LocalDate;
import java.util.List;

/**
 * A service to write, validated, from either import format.
 *
 * @param sessions  {day 1..8, opens minute, closes minute}
 * @param specified specified dates: opens/closes null closes the day
 */
public record ServiceDraft(String id, String organisationId, String organisationName, String locationId,
        String locationName, String address, String postcode, double latitude, double longitude, String name,
        String type, String region, String odsCode, boolean active, int minAge, int maxAge, String sex,
        List<Integer> symptomGroups, List<String> dispositions, List<String> referralMethods, String telephone,
        String referralEndpoint, String description, List<int[]> sessions, List<Specified> specified) {

    public record Specified(LocalDate date, Integer opens, Integer closes) {
    }
}
