package io.switchboard.triage.rest;

import io.switchboard.triage.messaging.OutboxRelay;
import io.switchboard.triage.service.AssessmentService;
import io.switchboard.triage.service.Replay;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/**
 * Assessments for call handlers and clinicians: start one for a call, ask the current question, answer it, go back to
 * change an answer, finish with the disposition reached (or close without one). Every step is in the audit trail
 * with the staff user id from the token. Clinicians also read the audit trail and replay an assessment.
 */
@Path("/assessments")
@RolesAllowed({"call-handler", "clinician"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    private final AssessmentService assessments;
    private final OutboxRelay relay;

    AssessmentResource(AssessmentService assessments, OutboxRelay relay) {
        this.assessments = assessments;
        this.relay = relay;
    }

    @POST
    public Response start(@Valid @NotNull Requests.Start request, @Context SecurityContext security,
            @Context UriInfo uri) {
        Requests.Location location = request.location();
        var result = assessments.start(new AssessmentService.NewAssessment(request.callId(), request.pathwayId(),
                request.patient().ageYears(), request.patient().sex(),
                location == null ? null : location.normalisedPostcode(),
                location == null ? null : location.latitude(), location == null ? null : location.longitude()),
                user(security));
        return Response.created(uri.getBaseUriBuilder().path("assessments").path(result.assessment().id.toString())
                        .build())
                .entity(view(result)).build();
    }

    /** The assessment with the question to ask now (or the disposition reached); recorded as shown. */
    @GET
    @Path("/{id}")
    public Views.Assessment get(@PathParam("id") UUID id, @Context SecurityContext security) {
        return view(assessments.show(id, user(security)));
    }

    @POST
    @Path("/{id}/answers")
    public Views.Assessment answer(@PathParam("id") UUID id, @Valid @NotNull Requests.Answer request,
            @Context SecurityContext security) {
        return view(assessments.answer(id, request.questionId(), request.answerId(), user(security)));
    }

    @POST
    @Path("/{id}/back")
    public Views.Assessment back(@PathParam("id") UUID id, @Valid Requests.Back request,
            @Context SecurityContext security) {
        return view(assessments.back(id, request == null ? null : request.questionId(), user(security)));
    }

    /** Publishes the outcome (and a transfer request for "transfer to a clinician now") before answering. */
    @POST
    @Path("/{id}/finish")
    public Views.Assessment finish(@PathParam("id") UUID id, @Valid @NotNull Requests.Finish request,
            @Context SecurityContext security) {
        var result = assessments.finish(id, request.dispositionCode(), user(security));
        relay.publish(result.eventIds());
        return view(result);
    }

    @POST
    @Path("/{id}/close")
    public Views.Assessment close(@PathParam("id") UUID id, @Valid Requests.Close request,
            @Context SecurityContext security) {
        var result = assessments.close(id, request == null ? null : request.note(), user(security));
        relay.publish(result.eventIds());
        return view(result);
    }

    /** Every step, with who took it and when: clinical governance. */
    @GET
    @Path("/{id}/audit")
    @RolesAllowed("clinician")
    public List<Views.Step> audit(@PathParam("id") UUID id) {
        return assessments.audit(id).stream().map(Views.Step::of).toList();
    }

    /** Rebuilds the route from the audit trail and runs it through the pathway version used. */
    @GET
    @Path("/{id}/replay")
    @RolesAllowed("clinician")
    public Replay.Report replay(@PathParam("id") UUID id) {
        return assessments.replay(id);
    }

    private static Views.Assessment view(AssessmentService.Result result) {
        return Views.Assessment.of(result.assessment(), result.pathway(), result.walk());
    }

    static String user(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
