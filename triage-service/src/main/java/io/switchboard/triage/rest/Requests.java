package io.switchboard.triage.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the triage API. Invalid ones are answered 400 with the fields at fault (problem+json). */
public final class Requests {

    /** The call id pattern of the event contract ({@link io.switchboard.events.CallId}). */
    public static final String CALL_ID = "[a-z0-9][a-z0-9-]{0,62}:[A-Za-z0-9._-]{1,64}";
    static final String NODE_ID = "[a-z0-9][a-z0-9-]{0,63}";
    /** A full UK postcode, with or without the space (e.g. LS1 4AP, SW1A1AA). */
    static final String POSTCODE = "[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}";

    private Requests() {
    }

    /**
     * Starts an assessment of a call on the latest version of a pathway.
     *
     * @param location optional: where the patient is, for the directory of services
     */
    public record Start(
            @NotNull @Pattern(regexp = CALL_ID, message = "must be a call id <pbxId>:<linkedid>") String callId,
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,62}") String pathwayId,
            @NotNull @Valid Patient patient,
            @Valid Location location) {
    }

    /** @param sex female, male or not-known */
    public record Patient(
            @NotNull @Min(0) @Max(130) Integer ageYears,
            @NotNull @Pattern(regexp = "female|male|not-known", message = "must be female, male or not-known") String sex) {
    }

    /** A postcode, coordinates (WGS84), or both. */
    public record Location(
            @Pattern(regexp = POSTCODE, message = "must be a full UK postcode, e.g. LS1 4AP") String postcode,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude) {

        @AssertTrue(message = "give a postcode, or latitude and longitude together")
        public boolean isComplete() {
            boolean coordinates = latitude != null && longitude != null;
            boolean half = (latitude == null) != (longitude == null);
            return !half && (postcode != null || coordinates);
        }

        /** Upper case, with one space before the inward code (the last three characters). */
        public String normalisedPostcode() {
            if (postcode == null) {
                return null;
            }
            String compact = postcode.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
            return compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
        }
    }

    /** Answers the question being asked, named so that a stale screen cannot answer the wrong question. */
    public record Answer(
            @NotBlank @Pattern(regexp = NODE_ID) String questionId,
            @NotBlank @Pattern(regexp = NODE_ID) String answerId) {
    }

    /** Goes back to a question answered earlier (the last one answered when absent) to change its answer. */
    public record Back(@Pattern(regexp = NODE_ID) String questionId) {
    }

    /** Finishes with the disposition reached, which the handler confirms by its code. */
    public record Finish(@NotBlank @Pattern(regexp = "(Dx|SB)[A-Za-z0-9]{1,16}") String dispositionCode) {
    }

    /** Closes the assessment without a disposition (incompleteReason handler-closed). */
    public record Close(@Size(max = 500) String note) {
    }
}
