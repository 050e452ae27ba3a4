package io.switchboard.directory.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.model.Capacity;
import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.model.ServiceRecord;
import io.switchboard.directory.model.Sex;
import io.switchboard.directory.support.Svc;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every filter and ranking rule of the search, on the in-memory index. */
class SearchEngineTest {

    private static final double LAT = 53.80;
    private static final double LON = -1.55;
    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");
    private static final ReferenceData REFERENCE = new ReferenceData(Set.of(LocalDate.of(2026, 12, 28)),
            Map.of("*", Map.of("urgent-treatment-centre", 1, "gp-out-of-hours", 2, "pharmacy", 2),
                    "west-yorkshire", Map.of("gp-out-of-hours", 1)),
            Map.of());

    private final Map<String, CapacityState> capacity = new HashMap<>();
    private final SearchEngine engine = new SearchEngine(ZoneId.of("Europe/London"), 1, 120, 5);

    /** A point d km north of the search location. */
    private static double north(double km) {
        return LAT + km / Geo.KM_PER_DEGREE_LAT;
    }

    private SearchResult search(List<ServiceRecord> services, String disposition, Integer age, Sex sex,
            Instant at) {
        return search(services, request(disposition, age, sex, at, null, null, 3));
    }

    private SearchResult search(List<ServiceRecord> services, SearchRequest request) {
        GridIndex index = new GridIndex(services, id -> capacity.getOrDefault(id, CapacityState.DEFAULT));
        return engine.search(request, index, REFERENCE);
    }

    private static SearchRequest request(String disposition, Integer age, Sex sex, Instant at, String region,
            String gp, int perType) {
        return new SearchRequest(disposition, 120, LAT, LON, age, sex, null, at, 60, region, gp, perType);
    }

    private static List<String> ids(SearchResult r) {
        return r.services().stream().map(m -> m.service().id()).toList();
    }

    private static ServiceRecord open(String id, String type, double km) {
        return Svc.of(id, type).at(north(km), LON).accepts("Dx05").everyDay("00:00", "24:00").build();
    }

    @Test
    void onlyActiveServicesAcceptingTheDispositionWithinTheDistanceAreCandidates() {
        List<ServiceRecord> services = List.of(open("near", "pharmacy", 2),
                Svc.of("other-dx", "pharmacy").at(north(1), LON).accepts("Dx28").everyDay("00:00", "24:00").build(),
                Svc.of("inactive", "pharmacy").at(north(1), LON).everyDay("00:00", "24:00").inactive().build(),
                open("far", "pharmacy", 150));
        SearchResult r = search(services, "Dx05", 40, Sex.FEMALE, MONDAY_10);
        assertThat(ids(r)).containsExactly("near");
        assertThat(r.candidates()).isEqualTo(1);
        assertThat(r.gaps()).as("not accepting the disposition is not a gap").isEmpty();
        assertThat(r.services().get(0).distanceKm()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void redCapacityExcludesAndIsAGapAmberDoesNotAndAnExpiredRedIsGreen() {
        capacity.put("red", new CapacityState(Capacity.RED, "user:m", MONDAY_10.minusSeconds(600), null, null));
        capacity.put("amber", new CapacityState(Capacity.AMBER, "user:m", MONDAY_10.minusSeconds(600), null, null));
        capacity.put("reset", new CapacityState(Capacity.RED, "user:m", MONDAY_10.minusSeconds(3600),
                MONDAY_10.minusSeconds(60), null));
        List<ServiceRecord> services = List.of(open("red", "pharmacy", 1), open("amber", "pharmacy", 2),
                open("reset", "pharmacy", 3));
        SearchResult r = search(services, "Dx05", 40, Sex.MALE, MONDAY_10);
        assertThat(ids(r)).containsExactly("amber", "reset");
        assertThat(r.services().get(0).capacity()).isEqualTo(Capacity.AMBER);
        assertThat(r.services().get(1).capacity()).as("reset time passed").isEqualTo(Capacity.GREEN);
        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.service().id()).isEqualTo("red");
            assertThat(g.criterion()).isEqualTo(SearchResult.CAPACITY_RED);
        });
        assertThat(r.gapCounts()).containsEntry("capacity-red", 1);
        SearchResult before = search(services, "Dx05", 40, Sex.MALE, MONDAY_10.minusSeconds(120));
        assertThat(ids(before)).as("two minutes earlier the reset had not come").containsExactly("amber");
    }

    @Test
    void ageSexAndSymptomGroupFilterAndAreNamedInGaps() {
        List<ServiceRecord> services = List.of(
                Svc.of("adults", "pharmacy").at(north(1), LON).ages(16, 130).everyDay("00:00", "24:00").build(),
                Svc.of("women", "pharmacy").at(north(2), LON).sex(Sex.FEMALE).everyDay("00:00", "24:00").build(),
                Svc.of("dental", "pharmacy").at(north(3), LON).symptomGroups(1200).everyDay("00:00", "24:00").build(),
                Svc.of("anyone", "pharmacy").at(north(4), LON).everyDay("00:00", "24:00").build());
        SearchResult child = search(services, "Dx05", 10, Sex.FEMALE, MONDAY_10);
        assertThat(ids(child)).containsExactly("women", "dental", "anyone");
        assertThat(child.gaps()).extracting(g -> g.criterion()).containsExactly("age");

        SearchResult unknownSex = search(services, "Dx05", 30, Sex.NOT_KNOWN, MONDAY_10);
        assertThat(ids(unknownSex)).as("a caller of unknown sex is not sent to a women-only service")
                .containsExactly("adults", "dental", "anyone");

        SearchResult man = search(services, request("Dx05", 30, Sex.MALE, MONDAY_10, null, null, 3));
        assertThat(man.gaps()).extracting(g -> g.service().id() + ":" + g.criterion()).containsExactly("women:sex");

        SearchRequest withGroup = new SearchRequest("Dx05", 120, LAT, LON, 30, Sex.FEMALE, 1011, MONDAY_10, 60, null,
                null, 5);
        SearchResult grouped = search(services, withGroup);
        assertThat(ids(grouped)).containsExactly("adults", "women", "anyone");
        assertThat(grouped.gaps()).extracting(g -> g.criterion()).containsExactly("symptom-group");
    }

    @Test
    void openingTimesFilterAndClosingSoonIsItsOwnGap() {
        List<ServiceRecord> services = List.of(
                Svc.of("gp", "gp-practice").at(north(1), LON).weekdays("08:00", "18:30").build(),
                Svc.of("ooh", "gp-out-of-hours").at(north(5), LON).weekdays("18:30", "08:00").build());
        SearchResult evening = search(services, "Dx05", 40, Sex.MALE, Instant.parse("2026-11-23T18:10:00Z"));
        assertThat(ids(evening)).containsExactly("ooh");
        assertThat(evening.gaps()).extracting(g -> g.service().id() + ":" + g.criterion())
                .containsExactly("gp:closes-within-30-minutes");

        SearchResult saturday = search(services, "Dx05", 40, Sex.MALE, Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(saturday.services()).isEmpty();
        assertThat(saturday.gapCounts()).containsEntry("not-open-in-window", 2);

        SearchResult bankHoliday = search(services, "Dx05", 40, Sex.MALE, Instant.parse("2026-12-28T10:00:00Z"));
        assertThat(bankHoliday.services()).as("neither has bank-holiday sessions").isEmpty();
    }

    @Test
    void aServiceFailingTwoCriteriaIsNotAGap() {
        capacity.put("both", new CapacityState(Capacity.RED, "user:m", MONDAY_10, null, null));
        List<ServiceRecord> services = List.of(
                Svc.of("both", "pharmacy").at(north(1), LON).ages(65, 130).everyDay("00:00", "24:00").build());
        SearchResult r = search(services, "Dx05", 30, Sex.MALE, MONDAY_10);
        assertThat(r.services()).isEmpty();
        assertThat(r.gaps()).isEmpty();
        assertThat(r.candidates()).isEqualTo(1);
    }

    @Test
    void rankedByCommissionerRankThenDistanceWithTheRegionsOwnRanking() {
        List<ServiceRecord> services = List.of(open("utc-far", "urgent-treatment-centre", 30),
                open("ooh-near", "gp-out-of-hours", 2), open("pharmacy-nearest", "pharmacy", 1),
                open("unranked-nearest", "walk-in-centre", 0.5), open("ooh-nearer", "gp-out-of-hours", 1.5));
        SearchResult national = search(services, "Dx05", 30, Sex.MALE, MONDAY_10);
        assertThat(ids(national)).containsExactly("utc-far", "pharmacy-nearest", "ooh-nearer", "ooh-near",
                "unranked-nearest");
        assertThat(national.services()).extracting(SearchResult.Match::rank).containsExactly(1, 2, 2, 2, 10);

        SearchResult westYorkshire = search(services, request("Dx05", 30, Sex.MALE, MONDAY_10, "west-yorkshire",
                null, 3));
        assertThat(ids(westYorkshire)).as("the region ranks out-of-hours first").startsWith("ooh-nearer", "ooh-near",
                "utc-far");
    }

    @Test
    void theCallersOwnGpComesFirstWithinItsRank() {
        List<ServiceRecord> services = List.of(open("gp-a", "gp-out-of-hours", 1),
                Svc.of("gp-mine", "gp-out-of-hours").at(north(8), LON).ods("B86001").everyDay("00:00", "24:00")
                        .build());
        SearchResult r = search(services, request("Dx05", 30, Sex.MALE, MONDAY_10, null, "b86001", 3));
        assertThat(ids(r)).containsExactly("gp-mine", "gp-a");
        assertThat(r.services().get(0).ownGp()).isTrue();
    }

    @Test
    void atMostPerTypeOfEachType() {
        List<ServiceRecord> services = List.of(open("p1", "pharmacy", 1), open("p2", "pharmacy", 2),
                open("p3", "pharmacy", 3), open("p4", "pharmacy", 4), open("o1", "gp-out-of-hours", 9));
        SearchResult r = search(services, request("Dx05", 30, Sex.MALE, MONDAY_10, null, null, 2));
        assertThat(ids(r)).containsExactly("p1", "p2", "o1");
    }

    @Test
    void tooFewMatchesWidensTheSearchByDoublingUpToTheCap() {
        List<ServiceRecord> services = List.of(open("eighty", "pharmacy", 80), open("far", "pharmacy", 130));
        SearchResult r = search(services, "Dx05", 30, Sex.MALE, MONDAY_10);
        assertThat(ids(r)).containsExactly("eighty");
        assertThat(r.widened()).isTrue();
        assertThat(r.searchDistanceKm()).isEqualTo(60);
        assertThat(r.distanceUsedKm()).isEqualTo(120);

        SearchResult none = search(List.of(open("far", "pharmacy", 130)), "Dx05", 30, Sex.MALE, MONDAY_10);
        assertThat(none.services()).isEmpty();
        assertThat(none.distanceUsedKm()).as("capped").isEqualTo(120);

        SearchResult enough = search(List.of(open("near", "pharmacy", 5), open("eighty", "pharmacy", 80)), "Dx05",
                30, Sex.MALE, MONDAY_10);
        assertThat(enough.widened()).isFalse();
        assertThat(ids(enough)).containsExactly("near");

        SearchEngine wantsThree = new SearchEngine(ZoneId.of("Europe/London"), 3, 120, 5);
        GridIndex index = new GridIndex(List.of(open("near", "pharmacy", 5), open("eighty", "pharmacy", 80)),
                id -> CapacityState.DEFAULT);
        SearchResult wider = wantsThree.search(request("Dx05", 30, Sex.MALE, MONDAY_10, null, null, 3), index,
                REFERENCE);
        assertThat(wider.widened()).as("min-results 3 widens even with one match").isTrue();
        assertThat(wider.services()).hasSize(2);
    }
}
