package io.switchboard.testsupport;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A stand-in for a service's REST resource, protected the way the services protect theirs. */
@Path("/jwt-probe")
@Produces(MediaType.APPLICATION_JSON)
public class JwtProbeResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @Path("/kpi")
    @RolesAllowed({"viewer", "ops"})
    public Map<String, Object> kpi() {
        return Map.of("name", jwt.getName(), "subject", jwt.getSubject(), "issuer", jwt.getIssuer(),
                "groups", new TreeSet<>(jwt.getGroups()));
    }

    @GET
    @Path("/override")
    @RolesAllowed("ops")
    public Map<String, Object> override() {
        return Map.of("name", jwt.getName());
    }

    @GET
    @Path("/open")
    @PermitAll
    public Map<String, Object> open() {
        return Map.of("open", true);
    }
}
