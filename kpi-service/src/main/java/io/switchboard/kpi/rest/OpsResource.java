package io.switchboard.kpi.rest;

import io.switchboard.events.RoutingCommand;
import io.switchboard.kpi.audit.OperatorOverrides;
import io.switchboard.kpi.audit.RoutingDecision;
import io.switchboard.kpi.query.KpiQueries;
import io.switchboard.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Contingency for operators: the state per region, forcing it (pinned until cleared), and the audit trail. */
@Path("/ops/contingency")
@RolesAllowed("ops")
public class OpsResource {

    private static final String REGION = "[a-z0-9][a-z0-9-]{0,99}";

    private final KpiQueries queries;
    private final OperatorOverrides overrides;

    OpsResource(KpiQueries queries, OperatorOverrides overrides) {
        this.queries = queries;
        this.overrides = overrides;
    }

    @GET
    public Collection<KpiQueries.RegionState> regions() {
        return queries.routing().values();
    }

    @GET
    @Path("/{region}")
    public KpiQueries.RegionState region(@PathParam("region") @Pattern(regexp = REGION) String region) {
        KpiQueries.RegionState state = queries.routing().get(region);
        if (state == null) {
            throw ProblemException.notFound("No calls and no decisions yet for region " + region);
        }
        return state;
    }

    @PUT
    @Path("/{region}/pin")
    public RoutingCommand pin(@PathParam("region") @Pattern(regexp = REGION) String region,
            @Valid @jakarta.validation.constraints.NotNull PinRequest request, @Context SecurityContext security) {
        return overrides.pin(region, request.engage(), security.getUserPrincipal().getName(), request.reason());
    }

    @DELETE
    @Path("/{region}/pin")
    public RoutingDecision clear(@PathParam("region") @Pattern(regexp = REGION) String region,
            @QueryParam("reason") @NotBlank @Size(min = 3, max = 500) String reason, @Context SecurityContext security) {
        return overrides.clear(region, security.getUserPrincipal().getName(), reason);
    }

    @GET
    @Path("/decisions")
    public List<RoutingDecision> decisions(@QueryParam("region") @Pattern(regexp = REGION) String region,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant until = parse("to", to, Instant.now());
        Instant since = parse("from", from, until.minus(Duration.ofDays(7)));
        if (!since.isBefore(until)) {
            throw ProblemException.badRequest("'from' must be before 'to'");
        }
        return region == null ? RoutingDecision.between(since, until)
                : RoutingDecision.forRegion(region, since, until);
    }

    private static Instant parse(String name, String value, Instant otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' must be an RFC 3339 time such as 2026-11-21T10:00:00Z");
        }
    }
}
