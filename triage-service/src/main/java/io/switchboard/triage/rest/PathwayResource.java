package io.switchboard.triage.rest;

import io.switchboard.rest.ProblemException;
import io.switchboard.triage.pathway.Pathway;
import io.switchboard.triage.pathway.PathwayCatalogue;
import io.switchboard.triage.pathway.PathwayRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The pathways on offer (each marked as demonstration content while it is), and any version in full. */
@Path("/pathways")
@RolesAllowed({"call-handler", "clinician"})
@Produces(MediaType.APPLICATION_JSON)
public class PathwayResource {

    private final PathwayCatalogue catalogue;

    PathwayResource(PathwayRegistry registry) {
        this.catalogue = registry.catalogue();
    }

    @GET
    public List<Views.PathwaySummary> list() {
        return catalogue.latestVersions().stream().map(p -> Views.PathwaySummary.of(p,
                catalogue.versionsOf(p.id()).stream().map(Pathway::version).toList())).toList();
    }

    @GET
    @Path("/{id}/versions/{version}")
    public Views.PathwayDetail version(@PathParam("id") String id, @PathParam("version") int version) {
        return catalogue.version(id, version).map(Views.PathwayDetail::of)
                .orElseThrow(() -> ProblemException.notFound("No pathway " + id + " version " + version));
    }
}
