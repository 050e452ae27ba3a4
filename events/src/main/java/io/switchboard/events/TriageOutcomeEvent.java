package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * How an assessment ended, on {@link Topics#TRIAGE_OUTCOMES}, keyed by {@code callId}.
 *
 * @param disposition       present when status is disposition-reached
 * @param incompleteReason  present when status is incomplete (call-ended, call-abandoned, handler-closed...)
 * @param handlerId         pseudonymous id of the call handler
 * @param patient           what the directory needs to choose a service (no identifiers)
 * @param location          where the caller is, for the directory search
 * @param demonstrationContent true while pathways are demonstration content, not clinically assured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriageOutcomeEvent(
        String eventId,
        String callId,
        String assessmentId,
        TriageStatus status,
        Disposition disposition,
        String incompleteReason,
        String pathwayId,
        String pathwayVersion,
        Instant startedAt,
        Instant finishedAt,
        String handlerId,
        Patient patient,
        Location location,
        boolean demonstrationContent) {

    public String cloudEventType() {
        return EventTypes.triageOutcome(status);
    }

    /** @param sex female, male or not-known */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Patient(Integer ageYears, String sex) {
    }

    /** Coordinates (WGS84) and/or a postcode; the directory resolves a postcode to coordinates. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(String postcode, Double latitude, Double longitude) {
    }
}
