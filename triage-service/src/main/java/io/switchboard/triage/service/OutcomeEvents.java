package io.switchboard.triage.service;

import io.switchboard.events.DispositionCatalogue;
import io.switchboard.events.Pseudonymiser;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.events.TriageOutcomeEvent;
import io.switchboard.events.TriageStatus;
import io.switchboard.triage.pathway.Pathway;
import io.switchboard.triage.store.AssessmentRecord;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The events an assessment's end produces. Ids are derived from the assessment, so writing or publishing the same
 * outcome twice always gives the same {@code eventId} / {@code commandId}. Staff appear only as HMAC tokens.
 */
public final class OutcomeEvents {

    private final Pseudonymiser pseudonymiser;
    private final String clinicianQueue;

    public OutcomeEvents(Pseudonymiser pseudonymiser, String clinicianQueue) {
        this.pseudonymiser = pseudonymiser;
        this.clinicianQueue = clinicianQueue;
    }

    public static String outcomeEventId(UUID assessmentId) {
        return derived(assessmentId, "outcome");
    }

    public static String transferCommandId(UUID assessmentId) {
        return derived(assessmentId, "transfer-call");
    }

    /** The handler's token on topics: the same key and kind as agentId on calls.lifecycle.v1. */
    public String handlerToken(String staffUserId) {
        return pseudonymiser.pseudonymise("agent", staffUserId);
    }

    public TriageOutcomeEvent outcome(AssessmentRecord a, Pathway pathway) {
        boolean reached = AssessmentRecord.DISPOSITION_REACHED.equals(a.status);
        TriageOutcomeEvent.Location location = null;
        if (a.postcode != null || (a.latitude != null && a.longitude != null)) {
            location = new TriageOutcomeEvent.Location(a.postcode, a.latitude, a.longitude);
        }
        return new TriageOutcomeEvent(outcomeEventId(a.id), a.callId, a.id.toString(),
                reached ? TriageStatus.DISPOSITION_REACHED : TriageStatus.INCOMPLETE,
                reached ? a.disposition : null, reached ? null : a.incompleteReason,
                a.pathwayId, Integer.toString(a.pathwayVersion), a.startedAt, a.finishedAt,
                handlerToken(a.finishedBy != null && !a.finishedBy.startsWith("system:") ? a.finishedBy : a.lastHandler),
                new TriageOutcomeEvent.Patient(a.ageYears, a.sex), location, pathway.demonstrationContent());
    }

    public RoutingCommand transfer(AssessmentRecord a, DispositionCatalogue.Entry disposition) {
        return new RoutingCommand(transferCommandId(a.id), RoutingCommandKind.TRANSFER_CALL, null, null, a.callId,
                clinicianQueue, "triage disposition " + disposition.code() + " (" + disposition.name() + ") on pathway "
                        + a.pathwayId + " v" + a.pathwayVersion + ", assessment " + a.id,
                null, "triage", a.finishedAt, null);
    }

    private static String derived(UUID assessmentId, String what) {
        return UUID.nameUUIDFromBytes((assessmentId + ":" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
