package io.switchboard.directory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.directory.capacity.CapacityChangedEvent;
import io.switchboard.directory.capacity.CapacityService;
import io.switchboard.directory.index.DirectoryIndex;
import io.switchboard.directory.model.Capacity;
import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.model.ServiceRecord;
import io.switchboard.directory.model.WeeklyHours;
import io.switchboard.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One service: its details, and its capacity for service managers. */
@Path("/directory/services/{id}")
public class ServiceResource {

    private static final String[] DAY_NAMES = {null, "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "bankHoliday"};

    private final DirectoryIndex index;
    private final CapacityService capacity;

    ServiceResource(DirectoryIndex index, CapacityService capacity) {
        this.index = index;
        this.capacity = capacity;
    }

    /**
     * @param status            green, amber or red
     * @param resetAfterMinutes amber or red only: back to green by itself after 15 .. 1440 minutes
     */
    public record CapacityRequest(
            @NotNull @Pattern(regexp = "green|amber|red", message = "must be green, amber or red") String status,
            @Min(15) @Max(1440) Integer resetAfterMinutes,
            @Size(max = 500) String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CapacityView(String serviceId, String status, String effectiveNow, String setBy, Instant setAt,
            Instant resetAt, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceView(String id, String name, String type, String organisationId, String region,
            String odsCode, boolean active, int minAgeYears, int maxAgeYears, String sex, int[] symptomGroups,
            List<String> dispositions, List<String> referralMethods, String telephone, double latitude,
            double longitude, String postcode, Map<String, List<String>> openingTimes,
            Map<String, List<String>> specifiedDates, CapacityView capacity) {
    }

    @GET
    @RolesAllowed({"call-handler", "directory-reader", "service-manager"})
    public ServiceView get(@PathParam("id") String id) {
        ServiceRecord s = service(id);
        Map<String, List<String>> hours = new LinkedHashMap<>();
        for (int d = 1; d <= 8; d++) {
            hours.put(DAY_NAMES[d], sessions(s.hours().day(d)));
        }
        Map<String, List<String>> dates = new TreeMap<>();
        for (Map.Entry<LocalDate, int[]> e : s.hours().specifiedDates().entrySet()) {
            dates.put(e.getKey().toString(), e.getValue().length == 0 ? List.of("closed") : sessions(e.getValue()));
        }
        return new ServiceView(s.id(), s.name(), s.type(), s.organisationId(), s.region(), s.odsCode(), s.active(),
                s.minAgeYears(), s.maxAgeYears(), s.sex().wireName(), s.symptomGroups(),
                Arrays.asList(s.dispositions()), s.referralMethods(), s.telephone(), s.latitude(), s.longitude(),
                s.postcode(), hours, dates, view(s.id(), index.capacities().get(s.id())));
    }

    @PUT
    @Path("/capacity")
    @RolesAllowed("service-manager")
    public CapacityView setCapacity(@PathParam("id") String id, @Valid @NotNull CapacityRequest request,
            @Context SecurityContext security) {
        CapacityChangedEvent e = capacity.set(id, Capacity.parse(request.status()),
                request.resetAfterMinutes() == null ? null : Duration.ofMinutes(request.resetAfterMinutes()),
                request.reason(), "user:" + security.getUserPrincipal().getName());
        return view(id, e.state());
    }

    @GET
    @Path("/capacity/history")
    @RolesAllowed("service-manager")
    public List<CapacityChangedEvent> history(@PathParam("id") String id) {
        service(id);
        return capacity.history(id);
    }

    private ServiceRecord service(String id) {
        ServiceRecord s = index.current().byId().get(id);
        if (s == null) {
            throw ProblemException.notFound("No service " + id + " in the directory");
        }
        return s;
    }

    private static CapacityView view(String id, CapacityState c) {
        return new CapacityView(id, c.status().wireName(), c.effectiveAt(Instant.now()).wireName(), c.setBy(),
                c == CapacityState.DEFAULT ? null : c.setAt(), c.resetAt(), c.reason());
    }

    private static List<String> sessions(int[] pairs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(WeeklyHours.clock(pairs[i]) + "-" + WeeklyHours.clock(pairs[i + 1]));
        }
        return out;
    }
}
