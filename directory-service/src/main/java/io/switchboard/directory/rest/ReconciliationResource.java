package io.switchboard.directory.rest;

import io.switchboard.directory.reconciliation.ReconciliationPeriod;
import io.switchboard.directory.reconciliation.ReconciliationQuery;
import io.switchboard.directory.reconciliation.Reconciler;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;

/**
 * Accounting for ops and commissioners: every call offered in [from, to) matched with its lifecycle end, its triage
 * outcomes and its one call outcome on calls.outcomes.v1; anything unmatched listed with the reason.
 */
@Path("/reconciliation")
public class ReconciliationResource {

    private final ReconciliationQuery query;

    ReconciliationResource(ReconciliationQuery query) {
        this.query = query;
    }

    @GET
    @RolesAllowed({"ops", "viewer"})
    public Reconciler.Report reconcile(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReconciliationPeriod period = ReconciliationPeriod.parse(from, to);
        return query.report(period.from(), period.to(), Instant.now());
    }
}
