package io.switchboard.directory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.directory.importer.DirectoryImports;
import io.switchboard.directory.importer.ImportReport;
import io.switchboard.directory.index.DirectoryIndex;
import io.switchboard.directory.model.DispositionInfo;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Loading and reading the directory in bulk: CSV and HSDS imports, HSDS export, postcodes, commissioner ranks. */
@Path("/directory")
public class AdminResource {

    private final DirectoryImports imports;
    private final DirectoryIndex index;

    AdminResource(DirectoryImports imports, DirectoryIndex index) {
        this.imports = imports;
        this.index = index;
    }

    @POST
    @Path("/import/csv")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed("service-manager")
    public ImportReport importCsv(String body, @Context SecurityContext security) {
        return imports.importCsv(body, "user:" + security.getUserPrincipal().getName());
    }

    @POST
    @Path("/import/hsds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("service-manager")
    public ImportReport importHsds(@NotNull JsonNode body, @Context SecurityContext security) {
        return imports.importHsds(body, "user:" + security.getUserPrincipal().getName());
    }

    @GET
    @Path("/export/hsds")
    @RolesAllowed({"service-manager", "directory-reader"})
    public ObjectNode exportHsds(@QueryParam("region") @Pattern(regexp = SearchResource.REGION) String region,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(5000) int limit) {
        return imports.exportHsds(region, offset, limit);
    }

    @POST
    @Path("/postcodes")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed("service-manager")
    public ImportReport importPostcodes(String body) {
        return imports.importPostcodes(body);
    }

    @GET
    @Path("/commissioner-ranks/{region}")
    @RolesAllowed({"service-manager", "call-handler", "directory-reader"})
    public Map<String, Integer> ranks(@PathParam("region") @Pattern(regexp = SearchResource.REGION) String region) {
        return imports.ranks(region);
    }

    /** Replaces a region's ranking ('*' is the national default): {"urgent-treatment-centre": 1, ...}. */
    @PUT
    @Path("/commissioner-ranks/{region}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("service-manager")
    public Map<String, Integer> setRanks(@PathParam("region") @Pattern(regexp = SearchResource.REGION) String region,
            @NotNull Map<String, Integer> ranks) {
        return imports.setRanks(region, ranks);
    }

    @GET
    @Path("/dispositions")
    @RolesAllowed({"service-manager", "call-handler", "directory-reader"})
    public List<DispositionInfo> dispositions() {
        return index.current().reference().dispositions().values().stream()
                .sorted(Comparator.comparing(DispositionInfo::code)).toList();
    }
}
