package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * The final outcome of a call, on {@link Topics#CALLS_OUTCOMES}, keyed by {@code callId}: the product topic other
 * NHS systems consume. Every offered call gets exactly one, whatever happened to it.
 *
 * @param result            what became of the call
 * @param disposition       the triage disposition, when triage finished
 * @param service           the service chosen, when result is service-chosen
 * @param noServiceReason   why no service was chosen, when result is no-service-found
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallOutcomeEvent(
        String eventId,
        String callId,
        String provider,
        String region,
        Result result,
        Instant offeredAt,
        Instant answeredAt,
        Instant triageFinishedAt,
        Instant decidedAt,
        Disposition disposition,
        ChosenService service,
        String noServiceReason,
        String callerToken) {

    public String cloudEventType() {
        return EventTypes.CALL_OUTCOME;
    }

    public enum Result {
        SERVICE_CHOSEN,
        NO_SERVICE_NEEDED,
        NO_SERVICE_FOUND,
        TRIAGE_INCOMPLETE,
        ABANDONED,
        CONTINGENCY;

        @JsonValue
        public String wireName() {
            return WireNames.of(this);
        }

        @JsonCreator
        public static Result fromWire(String value) {
            return WireNames.parse(Result.class, value, Result::wireName);
        }
    }

    /** @param referralMethod telephone, electronic, walk-in */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChosenService(String id, String name, String type, String referralMethod, Double distanceKm) {
    }
}
