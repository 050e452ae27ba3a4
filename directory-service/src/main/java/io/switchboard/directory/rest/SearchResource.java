package io.switchboard.directory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.directory.model.Sex;
import io.switchboard.directory.search.DirectorySearch;
import io.switchboard.directory.search.Geo;
import io.switchboard.directory.search.SearchResult;
import io.switchboard.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The directory search for call handlers and other systems. */
@Path("/directory/search")
public class SearchResource {

    static final String DISPOSITION = "(Dx|SB)[A-Za-z0-9]{1,16}";
    static final String REGION = "[a-z0-9*][a-z0-9-]{0,99}";

    private final DirectorySearch search;

    SearchResource(DirectorySearch search) {
        this.search = search;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(Disposition disposition, Location location, Instant searchedAt, Instant windowEnd,
            double searchDistanceKm, String searchDistanceFrom, double distanceUsedKm, boolean widened, String region,
            int candidates, List<Hit> services, List<GapView> gaps, Map<String, Integer> gapCounts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Disposition(String code, String name, Integer timeframeMinutes) {
    }

    public record Location(double latitude, double longitude, String locatedBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(String id, String name, String type, int rank, boolean ownGp, double distanceKm,
            String capacity, String referralMethod, List<String> referralMethods, String telephone, String postcode,
            boolean openNow, Instant availableFrom, Instant availableUntil) {
    }

    public record GapView(String id, String name, String type, double distanceKm, String criterion, String detail) {
    }

    @GET
    @RolesAllowed({"call-handler", "directory-reader"})
    public Response search(
            @QueryParam("disposition") @NotBlank @Pattern(regexp = DISPOSITION, message = "must be a Dx or SB code") String disposition,
            @QueryParam("postcode") @Size(min = 2, max = 8) String postcode,
            @QueryParam("latitude") @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @QueryParam("longitude") @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @QueryParam("age") @NotNull @Min(0) @Max(130) Integer age,
            @QueryParam("sex") @NotNull @Pattern(regexp = "female|male|not-known", message = "must be female, male or not-known") String sex,
            @QueryParam("at") String at,
            @QueryParam("distanceKm") @Min(1) @Max(99) Integer distanceKm,
            @QueryParam("symptomGroup") @Min(1) @Max(99999) Integer symptomGroup,
            @QueryParam("region") @Pattern(regexp = REGION) String region,
            @QueryParam("gpPractice") @Pattern(regexp = "[A-Za-z0-9]{3,10}") String gpPractice,
            @QueryParam("perType") @Min(1) @Max(10) Integer perType) {
        if ((latitude == null) != (longitude == null)) {
            throw ProblemException.badRequest("Give both latitude and longitude, or neither");
        }
        if (latitude == null && (postcode == null || postcode.isBlank())) {
            throw ProblemException.badRequest("Give a postcode, or latitude and longitude");
        }
        Instant when = null;
        if (at != null && !at.isBlank()) {
            try {
                when = OffsetDateTime.parse(at).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("'at' must be an RFC 3339 date-time such as 2026-12-25T10:00:00Z");
            }
        }
        DirectorySearch.Found found = search.search(new DirectorySearch.Query(disposition, null, postcode, latitude,
                longitude, age, Sex.parse(sex), symptomGroup, when, distanceKm == null ? null : distanceKm.doubleValue(),
                region, gpPractice, perType));
        SearchResult r = found.result();
        List<Hit> hits = r.services().stream().map(m -> new Hit(m.service().id(), m.service().name(),
                m.service().type(), m.rank(), m.ownGp(), Geo.round(m.distanceKm()), m.capacity().wireName(),
                m.service().preferredReferralMethod(), m.service().referralMethods(), m.service().telephone(),
                m.service().postcode(), !m.availability().from().isAfter(r.at()), m.availability().from(),
                m.availability().until())).toList();
        List<GapView> gaps = r.gaps().stream().map(g -> new GapView(g.service().id(), g.service().name(),
                g.service().type(), Geo.round(g.distanceKm()), g.criterion(), g.detail())).toList();
        Disposition d = found.disposition() == null ? new Disposition(disposition, null, null)
                : new Disposition(disposition, found.disposition().name(), found.disposition().timeframeMinutes());
        return new Response(d, new Location(found.latitude(), found.longitude(), found.locatedBy()), r.at(),
                r.windowEnd(), r.searchDistanceKm(), found.distanceFrom(), r.distanceUsedKm(), r.widened(),
                found.region(), r.candidates(), hits, gaps, r.gapCounts());
    }
}
