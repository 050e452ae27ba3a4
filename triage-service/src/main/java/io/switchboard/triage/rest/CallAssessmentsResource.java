package io.switchboard.triage.rest;

import io.switchboard.triage.service.AssessmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The assessments of one call, oldest first (a call handler's, then perhaps a clinician's after a transfer). */
@Path("/calls/{callId}/assessments")
@RolesAllowed({"call-handler", "clinician"})
@Produces(MediaType.APPLICATION_JSON)
public class CallAssessmentsResource {

    private final AssessmentService assessments;

    CallAssessmentsResource(AssessmentService assessments) {
        this.assessments = assessments;
    }

    @GET
    public List<Views.AssessmentSummary> list(
            @PathParam("callId") @Pattern(regexp = Requests.CALL_ID, message = "must be a call id <pbxId>:<linkedid>")
            String callId) {
        return assessments.ofCall(callId).stream()
                .map(a -> Views.AssessmentSummary.of(a, assessments.pathwayOf(a))).toList();
    }
}
