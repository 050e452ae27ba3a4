package io.switchboard.directory.synthetic;

import java.time.LocalDate;
import java.util.List;

/**
 * One service of the synthetic dataset, with its organisation and location, ready for {@link BulkLoader}.
 *
 * @param sessions   {day 1..8, opens minute, closes minute}
 * @param specified  specified dates: opens/closes null for a closed day
 * @param capacity   green, amber or red (null: no row, green)
 */
public record SyntheticService(String id, String organisationId, String organisationName, String locationId,
        String name, String type, String region, String odsCode, boolean active, int minAge, int maxAge, String sex,
        int[] symptomGroups, List<String> dispositions, List<String> referralMethods, String telephone,
        double latitude, double longitude, String postcode, String town, List<int[]> sessions,
        List<SpecifiedDate> specified, String capacity) {

    public record SpecifiedDate(LocalDate date, Integer opens, Integer closes) {
    }
}
