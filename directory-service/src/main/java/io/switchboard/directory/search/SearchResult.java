package io.switchboard.directory.search;

import io.switchboard.directory.model.Capacity;
import io.switchboard.directory.model.ServiceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a search found.
 *
 * @param candidates  active services accepting the disposition within the distance finally used
 * @param services    the matches, ranked (commissioner rank, own GP, distance), at most perType of each type
 * @param gaps        services that failed exactly one criterion, nearest first, a few per criterion
 * @param gapCounts   how many services failed exactly one criterion, per criterion
 */
public record SearchResult(String disposition, Instant at, Instant windowEnd, double searchDistanceKm,
        double distanceUsedKm, boolean widened, int candidates, List<Match> services, List<Gap> gaps,
        Map<String, Integer> gapCounts) {

    public record Match(ServiceRecord service, double distanceKm, int rank, boolean ownGp, Capacity capacity,
            Availability availability) {
    }

    public record Gap(ServiceRecord service, double distanceKm, String criterion, String detail) {
    }

    /** Criteria a service can fail, as reported in gaps. */
    public static final String CAPACITY_RED = "capacity-red";
    public static final String AGE = "age";
    public static final String SEX = "sex";
    public static final String SYMPTOM_GROUP = "symptom-group";
    public static final String NOT_OPEN = "not-open-in-window";
    public static final String CLOSES_SOON = "closes-within-30-minutes";
}
