package io.switchboard.directory.search;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.directory.config.DirectoryConfig;
import io.switchboard.directory.index.DirectoryIndex;
import io.switchboard.directory.index.DirectorySnapshot;
import io.switchboard.directory.model.DispositionInfo;
import io.switchboard.directory.model.Sex;
import io.switchboard.directory.store.Jdbc;
import io.switchboard.directory.store.Postcodes;
import io.switchboard.rest.Problem;
import io.switchboard.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A search as callers ask for it: resolves the postcode, the disposition's timeframe, the search distance (stored
 * for the postcode, sector or district, else the request's, else the national default) and the region, then runs
 * the {@link SearchEngine} over the configured index.
 */
@ApplicationScoped
public class DirectorySearch {

    private final DirectoryIndex index;
    private final Postcodes postcodes;
    private final DirectoryConfig config;
    private final SearchEngine engine;
    private final DatabaseCandidates database;
    private final boolean useDatabase;
    private final MeterRegistry metrics;

    DirectorySearch(DirectoryIndex index, Postcodes postcodes, DirectoryConfig config, AgroalDataSource dataSource,
            MeterRegistry metrics) {
        this.index = index;
        this.postcodes = postcodes;
        this.config = config;
        this.metrics = metrics;
        this.engine = new SearchEngine(ZoneId.of(config.zone()), config.search().minResults(),
                config.search().maxDistanceKm(), config.search().gapsPerCriterion());
        this.database = new DatabaseCandidates(Jdbc.of(dataSource));
        this.useDatabase = "database".equalsIgnoreCase(config.search().index());
    }

    /**
     * What a caller asks: a postcode or coordinates (coordinates win when both are given).
     *
     * @param timeframeMinutes null: the catalogue's timeframe for the disposition
     */
    public record Query(String disposition, Integer timeframeMinutes, String postcode, Double latitude,
            Double longitude, Integer ageYears, Sex sex, Integer symptomGroup, Instant at, Double distanceKm,
            String region, String gpPractice, Integer perType) {
    }

    /** @param locatedBy coordinates, or the postcode table row used (full postcode, sector or district) */
    public record Found(SearchResult result, DispositionInfo disposition, double latitude, double longitude,
            String locatedBy, String region, String distanceFrom) {
    }

    public Found search(Query q) {
        DirectorySnapshot snapshot = index.current();
        ReferenceData reference = snapshot.reference();
        DispositionInfo info = reference.disposition(q.disposition()).orElse(null);
        if (info == null && q.timeframeMinutes() == null) {
            throw new ProblemException(Problem.of(422, "unknown-disposition", "Unknown disposition",
                    "Disposition " + q.disposition() + " is not in the directory's catalogue (GET /directory/dispositions)"));
        }
        int timeframe = q.timeframeMinutes() != null ? q.timeframeMinutes() : info.timeframeMinutes();

        double lat;
        double lon;
        String locatedBy;
        Postcodes.Resolved resolved = null;
        if (q.postcode() != null && !q.postcode().isBlank()) {
            try {
                resolved = postcodes.resolve(q.postcode()).orElse(null);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
        }
        if (q.latitude() != null && q.longitude() != null) {
            lat = q.latitude();
            lon = q.longitude();
            locatedBy = "coordinates";
        } else if (resolved != null) {
            lat = resolved.latitude();
            lon = resolved.longitude();
            locatedBy = "postcode " + resolved.matchedCode();
        } else if (q.postcode() != null) {
            throw new ProblemException(Problem.of(422, "unknown-postcode", "Unknown postcode",
                    "Postcode " + q.postcode() + " (nor its sector or district) is not in the postcode table"));
        } else {
            throw ProblemException.badRequest("Give a postcode, or both latitude and longitude");
        }

        double distance;
        String distanceFrom;
        if (resolved != null && resolved.searchDistanceKm() != null) {
            distance = resolved.searchDistanceKm();
            distanceFrom = "postcode table";
        } else if (q.distanceKm() != null) {
            distance = q.distanceKm();
            distanceFrom = "request";
        } else {
            distance = config.search().defaultDistanceKm();
            distanceFrom = "national default";
        }
        String region = q.region() != null ? q.region() : resolved == null ? null : resolved.region();
        int perType = q.perType() != null ? q.perType() : config.search().perType();
        Instant at = q.at() != null ? q.at() : Instant.now();

        SearchRequest request = new SearchRequest(q.disposition(), timeframe, lat, lon, q.ageYears(),
                q.sex() == null ? Sex.NOT_KNOWN : q.sex(), q.symptomGroup(), at, distance, region, q.gpPractice(),
                perType);
        CandidateSource source = useDatabase ? database : snapshot.grid();
        long started = System.nanoTime();
        SearchResult result = engine.search(request, source, reference);
        Timer.builder("switchboard_directory_search_seconds").description("Time to run a directory search")
                .tag("index", source.name()).publishPercentileHistogram().register(metrics)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        return new Found(result, info, lat, lon, locatedBy, region, distanceFrom);
    }
}
