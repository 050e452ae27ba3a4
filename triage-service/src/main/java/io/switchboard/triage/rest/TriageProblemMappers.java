package io.switchboard.triage.rest;

import io.switchboard.rest.Problem;
import io.switchboard.triage.engine.AssessmentRuleException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A step the pathway does not allow: 400 for an answer the question does not have, 409 for the wrong moment. */
public class TriageProblemMappers {

    @ServerExceptionMapper
    public Response rule(AssessmentRuleException e, UriInfo uri) {
        if (e.kind() == AssessmentRuleException.Kind.UNKNOWN_ANSWER) {
            return Problem.of(400, "invalid-request", "Invalid request", "The request has 1 invalid field(s)")
                    .withErrors(List.of(new Problem.FieldError("answerId", e.getMessage())))
                    .withInstance(uri.getPath()).toResponse();
        }
        return Problem.of(409, "assessment-state", "Not possible at this point of the assessment", e.getMessage())
                .withInstance(uri.getPath()).toResponse();
    }
}
