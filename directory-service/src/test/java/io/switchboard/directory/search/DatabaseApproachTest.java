package io.switchboard.directory.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.bench.SearchMix;
import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.store.DirectoryData;
import io.switchboard.directory.store.DirectoryReader;
import io.switchboard.directory.store.Jdbc;
import io.switchboard.directory.synthetic.BulkLoader;
import io.switchboard.directory.synthetic.SyntheticDirectory;
import io.switchboard.localinfra.LocalPostgres;
import io.switchboard.testsupport.PostgresTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The two spatial approaches give the same answers: the synthetic dataset bulk-loaded into its own database, the
 * in-memory grid and the earthdistance query run the same searches, results compared service by service.
 */
class DatabaseApproachTest {

    @Test
    void theInMemoryGridAndTheDatabaseQueryAgreeOnEverySearch() throws Exception {
        LocalPostgres postgres = PostgresTestResource.postgres();
        postgres.createDatabase("directory_approaches");
        String url = postgres.jdbcUrl("directory_approaches");
        Flyway.configure().dataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD)
                .locations("classpath:db/migration").load().migrate();
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            if (DirectoryReader.readAll(c).services().isEmpty()) {
                Map<String, Integer> loaded = BulkLoader.load(c, SyntheticDirectory.generate(6_000, 99));
                assertThat(loaded).containsEntry("service", 6_000);
            }
            DirectoryData data = DirectoryReader.readAll(c);
            assertThat(data.services()).hasSize(6_000);
            Jdbc jdbc = new Jdbc() {
                @Override
                public <T> T with(Work<T> work) {
                    try {
                        return work.apply(c);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            GridIndex memory = new GridIndex(data.services(),
                    id -> data.capacities().getOrDefault(id, CapacityState.DEFAULT));
            DatabaseCandidates database = new DatabaseCandidates(jdbc);
            SearchEngine engine = new SearchEngine(ZoneId.of("Europe/London"), 3, 120, 5);
            SearchMix mix = new SearchMix(5);
            int withResults = 0;
            for (int i = 0; i < 300; i++) {
                SearchRequest request = mix.next();
                SearchResult a = engine.search(request, memory, data.reference());
                SearchResult b = engine.search(request, database, data.reference());
                assertThat(ids(b)).as("search %d: %s", i, request).isEqualTo(ids(a));
                assertThat(b.gapCounts()).isEqualTo(a.gapCounts());
                assertThat(b.candidates()).isEqualTo(a.candidates());
                assertThat(b.distanceUsedKm()).isEqualTo(a.distanceUsedKm());
                if (!a.services().isEmpty()) {
                    withResults++;
                }
            }
            assertThat(withResults).as("the mix finds services most of the time").isGreaterThan(200);
        }
    }

    private static List<String> ids(SearchResult r) {
        return r.services().stream().map(m -> m.service().id() + "@" + Math.round(m.distanceKm() * 1000)).toList();
    }
}
