package io.switchboard.directory.search;

import io.switchboard.directory.model.Capacity;
import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.model.ServiceRecord;
import io.switchboard.directory.search.SearchResult.Gap;
import io.switchboard.directory.search.SearchResult.Match;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The search rules of the directory of services (docs/directory.md), independent of where the candidates come from.
 *
 * <ol>
 * <li>Candidates: active services accepting the disposition within the search distance.</li>
 * <li>Filters: capacity not red (a manual amber/red past its reset time counts as green), age within the service's
 * range, sex, symptom group, open within the disposition's window and not closing within 30 minutes of when the
 * caller could get there.</li>
 * <li>Ranking: commissioner rank of the service type in the caller's region, then the caller's own GP practice,
 * then distance; at most {@code perType} services of each type.</li>
 * <li>Widening: fewer than {@code minResults} matches doubles the distance, up to {@code maxDistanceKm}.</li>
 * <li>Gaps: services failing exactly one filter, with the filter named.</li>
 * </ol>
 */
public final class SearchEngine {

    private static final Comparator<Match> RANKING = Comparator.comparingInt(Match::rank)
            .thenComparing(m -> !m.ownGp())
            .thenComparingDouble(Match::distanceKm)
            .thenComparing(m -> m.service().id());

    /** The ranking order without boxing: rank, own GP first, distance, id. */
    private static int compare(int rank, boolean ownGp, double km, String id, Match other) {
        if (rank != other.rank()) {
            return Integer.compare(rank, other.rank());
        }
        if (ownGp != other.ownGp()) {
            return ownGp ? -1 : 1;
        }
        int byDistance = Double.compare(km, other.distanceKm());
        return byDistance != 0 ? byDistance : id.compareTo(other.service().id());
    }

    private static int nearer(double km, String id, Gap other) {
        int byDistance = Double.compare(km, other.distanceKm());
        return byDistance != 0 ? byDistance : id.compareTo(other.service().id());
    }

    private final ZoneId zone;
    private final int minResults;
    private final double maxDistanceKm;
    private final int gapsPerCriterion;

    public SearchEngine(ZoneId zone, int minResults, double maxDistanceKm, int gapsPerCriterion) {
        this.zone = zone;
        this.minResults = minResults;
        this.maxDistanceKm = maxDistanceKm;
        this.gapsPerCriterion = gapsPerCriterion;
    }

    public ZoneId zone() {
        return zone;
    }

    public double maxDistanceKm() {
        return maxDistanceKm;
    }

    public SearchResult search(SearchRequest request, CandidateSource source, ReferenceData reference) {
        SearchWindow window = SearchWindow.of(request.at(), request.timeframeMinutes(), zone, reference.bankHolidays());
        double radius = Math.min(request.distanceKm(), maxDistanceKm);
        while (true) {
            Pass pass = new Pass(request, window, reference);
            source.within(request.disposition(), request.latitude(), request.longitude(), radius, window, pass);
            if (pass.matches >= minResults || radius >= maxDistanceKm) {
                return pass.result(request, window, radius);
            }
            radius = Math.min(radius * 2, maxDistanceKm);
        }
    }

    /** One scan of the candidates at one distance. */
    private final class Pass implements CandidateSource.Sink {
        final SearchRequest request;
        final SearchWindow window;
        final ReferenceData reference;
        /** The best perType matches of each service type, best first (bounded insertion: no full sort). */
        final Map<String, List<Match>> bestByType = new HashMap<>();
        /** The nearest few gaps of each criterion, nearest first, and how many there were. */
        final Map<String, List<Gap>> nearestGaps = new HashMap<>();
        final Map<String, Integer> gapCounts = new TreeMap<>();
        /** Each distinct timetable is worked out once per pass (services share equal timetables). */
        final Map<io.switchboard.directory.model.WeeklyHours, Availability> timetables = new java.util.IdentityHashMap<>();
        int candidates;
        int matches;

        Pass(SearchRequest request, SearchWindow window, ReferenceData reference) {
            this.request = request;
            this.window = window;
            this.reference = reference;
        }

        @Override
        public void accept(ServiceRecord s, CapacityState capacityState, double km) {
            candidates++;
            int failures = 0;
            String criterion = null;
            Capacity capacity = capacityState.effectiveAt(request.at());
            if (capacity == Capacity.RED) {
                failures++;
                criterion = SearchResult.CAPACITY_RED;
            }
            if (!s.acceptsAge(request.ageYears())) {
                failures++;
                criterion = SearchResult.AGE;
            }
            if (!s.sex().admits(request.sex())) {
                failures++;
                criterion = SearchResult.SEX;
            }
            if (!s.acceptsSymptomGroup(request.symptomGroup())) {
                failures++;
                criterion = SearchResult.SYMPTOM_GROUP;
            }
            if (failures > 1) {
                return;
            }
            Availability availability = timetables.get(s.hours());
            if (availability == null) {
                availability = Availability.of(s.hours(), window);
                timetables.put(s.hours(), availability);
            }
            if (!availability.available()) {
                failures++;
                criterion = availability.kind() == Availability.Kind.CLOSES_WITHIN_30_MINUTES ? SearchResult.CLOSES_SOON
                        : SearchResult.NOT_OPEN;
            }
            if (failures == 0) {
                matches++;
                int rank = reference.rank(request.region(), s.type());
                boolean ownGp = request.gpPractice() != null && request.gpPractice().equalsIgnoreCase(s.odsCode());
                List<Match> best = bestByType.computeIfAbsent(s.type(), t -> new ArrayList<>(request.perType() + 1));
                if (best.size() >= request.perType()
                        && compare(rank, ownGp, km, s.id(), best.get(best.size() - 1)) >= 0) {
                    return;
                }
                int at = best.size();
                while (at > 0 && compare(rank, ownGp, km, s.id(), best.get(at - 1)) < 0) {
                    at--;
                }
                best.add(at, new Match(s, km, rank, ownGp, capacity, availability));
                if (best.size() > request.perType()) {
                    best.remove(best.size() - 1);
                }
            } else if (failures == 1) {
                gapCounts.merge(criterion, 1, Integer::sum);
                List<Gap> nearest = nearestGaps.computeIfAbsent(criterion, c -> new ArrayList<>(gapsPerCriterion + 1));
                if (nearest.size() >= gapsPerCriterion && nearer(km, s.id(), nearest.get(nearest.size() - 1)) >= 0) {
                    return;
                }
                int at = nearest.size();
                while (at > 0 && nearer(km, s.id(), nearest.get(at - 1)) < 0) {
                    at--;
                }
                nearest.add(at, new Gap(s, km, criterion, detail(criterion, s, capacityState, availability)));
                if (nearest.size() > gapsPerCriterion) {
                    nearest.remove(nearest.size() - 1);
                }
            }
        }

        private String detail(String criterion, ServiceRecord s, CapacityState c, Availability availability) {
            return switch (criterion) {
                case SearchResult.CAPACITY_RED -> "capacity red, set by " + c.setBy()
                        + (c.resetAt() == null ? "" : ", resets at " + c.resetAt());
                case SearchResult.AGE -> "sees ages " + s.minAgeYears() + "-" + s.maxAgeYears();
                case SearchResult.SEX -> "sees " + s.sex().wireName() + " patients only";
                case SearchResult.SYMPTOM_GROUP -> "does not see symptom group " + request.symptomGroup();
                case SearchResult.CLOSES_SOON -> "closes at " + local(availability.until());
                default -> "not open before " + local(window.end());
            };
        }

        SearchResult result(SearchRequest request, SearchWindow window, double radius) {
            List<Match> chosen = new ArrayList<>();
            bestByType.values().forEach(chosen::addAll);
            chosen.sort(RANKING);
            List<Gap> reported = new ArrayList<>();
            nearestGaps.values().forEach(reported::addAll);
            reported.sort(Comparator.comparingDouble(Gap::distanceKm).thenComparing(g -> g.service().id()));
            return new SearchResult(request.disposition(), request.at(), window.end(), request.distanceKm(), radius,
                    radius > Math.min(request.distanceKm(), maxDistanceKm), candidates, List.copyOf(chosen),
                    List.copyOf(reported), new LinkedHashMap<>(gapCounts));
        }

        private String local(java.time.Instant instant) {
            return DateTimeFormatter.ofPattern("EEE d MMM HH:mm").format(instant.atZone(zone));
        }
    }
}
