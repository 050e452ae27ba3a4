package io.switchboard.triage.pathway;

import java.util.Set;

/** Who a pathway is for: an inclusive age range in whole years and the sexes it covers. */
public record Applicability(int minAgeYears, int maxAgeYears, Set<String> sexes) {

    /** The sexes of the triage.outcomes.v1 schema. */
    public static final Set<String> SEXES = Set.of("female", "male", "not-known");

    public boolean admits(int ageYears, String sex) {
        return ageYears >= minAgeYears && ageYears <= maxAgeYears && sexes.contains(sex);
    }

    /** Why a patient is outside it, for the handler; null when admitted. */
    public String refusal(int ageYears, String sex) {
        if (ageYears < minAgeYears || ageYears > maxAgeYears) {
            return "applies to ages " + minAgeYears + " to " + maxAgeYears + " years; the patient is " + ageYears;
        }
        if (!sexes.contains(sex)) {
            return "applies to sex " + String.join(", ", sexes.stream().sorted().toList()) + "; the patient is " + sex;
        }
        return null;
    }
}
