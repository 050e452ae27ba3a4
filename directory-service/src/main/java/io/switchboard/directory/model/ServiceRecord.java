package io.switchboard.directory.model;

import java.util.Arrays;
import java.util.List;

/**
 * One service of the directory as searches see it: immutable, built from the database by both search indexes.
 *
 * @param symptomGroups    sorted; empty means every symptom group
 * @param dispositions     sorted disposition codes the service accepts
 * @param referralMethods  in the service's order of preference (telephone, electronic, walk-in)
 */
public record ServiceRecord(String id, String name, String type, String organisationId, String region,
        String odsCode, boolean active, int minAgeYears, int maxAgeYears, Sex sex, int[] symptomGroups,
        String[] dispositions, List<String> referralMethods, String telephone, double latitude, double longitude,
        String postcode, WeeklyHours hours) {

    public boolean accepts(String disposition) {
        return Arrays.binarySearch(dispositions, disposition) >= 0;
    }

    public boolean acceptsAge(Integer ageYears) {
        return ageYears == null || (ageYears >= minAgeYears && ageYears <= maxAgeYears);
    }

    public boolean acceptsSymptomGroup(Integer symptomGroup) {
        return symptomGroup == null || symptomGroups.length == 0 || Arrays.binarySearch(symptomGroups, symptomGroup) >= 0;
    }

    /** The referral method a call handler uses: the service's first preference. */
    public String preferredReferralMethod() {
        return referralMethods.get(0);
    }
}
