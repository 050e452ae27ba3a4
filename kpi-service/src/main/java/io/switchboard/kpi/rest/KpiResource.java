package io.switchboard.kpi.rest;

import io.switchboard.events.KpiWindow;
import io.switchboard.kpi.model.AbandonedCall;
import io.switchboard.kpi.model.GroupKey;
import io.switchboard.kpi.model.Intervals;
import io.switchboard.kpi.query.IucAdcExport;
import io.switchboard.kpi.query.KpiQueries;
import io.switchboard.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** KPIs for ops teams and commissioners: now, history, the abandoned calls of a period, the IUC ADC export. */
@Path("/kpis")
@RolesAllowed({"viewer", "ops"})
@Produces(MediaType.APPLICATION_JSON)
public class KpiResource {

    private static final String NAME = "[a-z0-9][a-z0-9-]{0,99}";
    private static final Duration MAX_HISTORY = Duration.ofDays(62);
    private static final Duration MAX_ABANDONED = Duration.ofDays(31);

    private final KpiQueries queries;

    KpiResource(KpiQueries queries) {
        this.queries = queries;
    }

    /** The rolling 15 minutes and the current 15-minute, hourly and daily intervals, with live gauges. */
    @GET
    @Path("/current")
    public List<KpiQueries.GroupFigures> current(@QueryParam("region") @Pattern(regexp = NAME) String region,
            @QueryParam("provider") @Pattern(regexp = NAME) String provider,
            @QueryParam("queue") @Pattern(regexp = NAME) String queue) {
        long now = System.currentTimeMillis();
        List<KpiQueries.GroupFigures> out = new ArrayList<>();
        for (GroupKey group : queries.groups(matching(region, provider, queue))) {
            for (KpiWindow window : KpiWindow.values()) {
                out.add(queries.figures(group, window, now, now));
            }
        }
        return out;
    }

    @GET
    @Path("/history")
    public List<KpiQueries.GroupFigures> history(@QueryParam("window") String window,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("region") @Pattern(regexp = NAME) String region,
            @QueryParam("provider") @Pattern(regexp = NAME) String provider,
            @QueryParam("queue") @Pattern(regexp = NAME) String queue) {
        KpiWindow kind = fixedWindow(window);
        Instant until = instant("to", to, Instant.now());
        Instant since = instant("from", from, until.minus(Duration.ofDays(1)));
        checkRange(since, until, MAX_HISTORY);
        List<KpiQueries.GroupFigures> out = new ArrayList<>();
        for (GroupKey group : queries.groups(matching(region, provider, queue))) {
            out.addAll(queries.history(group, kind, since.toEpochMilli(), until.toEpochMilli()));
        }
        return out;
    }

    /** Every call abandoned in a region over a period, with its wait: the per-call list behind the rate. */
    @GET
    @Path("/abandoned")
    public List<AbandonedCall> abandoned(@QueryParam("region") @Pattern(regexp = NAME) String region,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        if (region == null) {
            throw ProblemException.badRequest("'region' is required");
        }
        Instant until = instant("to", to, Instant.now());
        Instant since = instant("from", from, until.minus(Duration.ofDays(1)));
        checkRange(since, until, MAX_ABANDONED);
        return queries.abandoned(region, since.toEpochMilli(), until.toEpochMilli());
    }

    /** A month ({@code month=2026-11}) or an ISO week ({@code week=2026-W47}) in the IUC ADC shape, as CSV. */
    @GET
    @Path("/export/iuc-adc.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("month") String month, @QueryParam("week") String week,
            @QueryParam("region") @Pattern(regexp = NAME) String region) {
        if ((month == null) == (week == null)) {
            throw ProblemException.badRequest("give exactly one of 'month' (e.g. 2026-11) or 'week' (e.g. 2026-W47)");
        }
        ZonedDateTime start;
        ZonedDateTime end;
        try {
            if (month != null) {
                start = YearMonth.parse(month).atDay(1).atStartOfDay(Intervals.REPORTING_ZONE);
                end = start.plusMonths(1);
            } else {
                String[] parts = week.split("-W");
                LocalDate monday = LocalDate.of(Integer.parseInt(parts[0]), 6, 1)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(parts[1]))
                        .with(java.time.DayOfWeek.MONDAY);
                start = monday.atStartOfDay(Intervals.REPORTING_ZONE);
                end = start.plusWeeks(1);
            }
        } catch (java.time.DateTimeException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw ProblemException.badRequest("month must look like 2026-11 and week like 2026-W47");
        }
        List<IucAdcExport.Row> rows = new ArrayList<>();
        for (GroupKey group : queries.groups(matching(region, null, GroupKey.ALL_QUEUES))) {
            rows.add(new IucAdcExport.Row(start.toLocalDate().toString(), end.toLocalDate().toString(), group,
                    queries.counts(group, start.toInstant().toEpochMilli(), end.toInstant().toEpochMilli())));
        }
        String name = "iuc-adc-" + (month != null ? month : week) + (region == null ? "" : "-" + region) + ".csv";
        return Response.ok(IucAdcExport.csv(rows))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static Predicate<GroupKey> matching(String region, String provider, String queue) {
        return g -> (region == null || g.region().equals(region)) && (provider == null || g.provider().equals(provider))
                && (queue == null || g.queue().equals(queue));
    }

    private static KpiWindow fixedWindow(String window) {
        if (window == null) {
            return KpiWindow.HOURLY;
        }
        try {
            KpiWindow kind = KpiWindow.fromWire(window);
            if (kind == KpiWindow.ROLLING_15M) {
                throw ProblemException.badRequest("history is by fixed interval: fixed-15m, hourly or daily");
            }
            return kind;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("window " + e.getMessage());
        }
    }

    private static Instant instant(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' must be an RFC 3339 time such as 2026-11-21T10:00:00Z");
        }
    }

    private static void checkRange(Instant from, Instant to, Duration max) {
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("'from' must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw ProblemException.badRequest("at most " + max.toDays() + " days at a time");
        }
    }
}
