package io.switchboard.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.directory.model.DispositionInfo;
import io.switchboard.directory.store.DirectoryReader;
import io.switchboard.directory.store.DispositionTable;
import io.switchboard.events.DispositionCatalogue;
import io.switchboard.localinfra.LocalPostgres;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.Tokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * directory-service and triage-service use one disposition catalogue (the event contract's, which triage validates
 * its pathways against and publishes): the directory's table must equal it, on a new database and on one created by
 * the earlier releases, whose seed data disagreed with triage.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class DispositionCatalogueTest {

    private static final DispositionCatalogue CATALOGUE = DispositionCatalogue.shared();

    private static List<DispositionInfo> catalogueAsRows() {
        return CATALOGUE.all().stream().map(DispositionTable::of)
                .sorted(Comparator.comparing(DispositionInfo::code)).toList();
    }

    @Test
    void theRunningServiceServesExactlyTheCatalogueTriagePublishes() {
        List<DispositionInfo> served = Arrays.asList(given().auth().oauth2(Tokens.forRoles("directory-reader"))
                .when().get("/directory/dispositions")
                .then().statusCode(200).extract().as(DispositionInfo[].class));
        assertThat(served).containsExactlyElementsOf(catalogueAsRows());
        assertThat(served).filteredOn(d -> !d.needsService()).extracting(DispositionInfo::group)
                .containsOnly("ambulance", "self-care", "other-service");
    }

    @Test
    void aDatabaseOfTheEarlierReleasesIsMigratedForward() throws Exception {
        LocalPostgres postgres = PostgresTestResource.postgres();
        postgres.createDatabase("directory_release_v4");
        String url = postgres.jdbcUrl("directory_release_v4");
        // the earlier releases: V1 to V4, and no Java migration
        Flyway.configure().dataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD)
                .locations("classpath:db/migration").target("4").javaMigrationClassProvider(List::of).load().migrate();
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            Map<String, DispositionInfo> before = DirectoryReader.reference(c).dispositions();
            // what the earlier releases seeded: missing codes, and values triage-service never published
            assertThat(before).doesNotContainKeys("SBCLINNOW", "SBDEN1", "SBDENROUTINE");
            assertThat(before.get("SBAMBC1").timeframeMinutes()).isZero();
            assertThat(before.get("Dx29").timeframeMinutes()).isEqualTo(1440);
            assertThat(before.get("Dx35").group()).isEqualTo("primary-care");
        }

        Flyway flyway = Flyway.configure().dataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD)
                .locations("classpath:db/migration").load();
        assertThat(flyway.migrate().migrationsExecuted).as("the catalogue migration runs, after V5 and later")
                .isGreaterThanOrEqualTo(1);
        assertThat(Arrays.stream(flyway.info().applied()).map(MigrationInfo::getDescription))
                .contains("disposition catalogue");
        assertThat(flyway.migrate().migrationsExecuted).as("nothing to do while the catalogue is unchanged").isZero();

        try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            assertThat(DirectoryReader.reference(c).dispositions().values().stream()
                    .sorted(Comparator.comparing(DispositionInfo::code)).toList())
                    .containsExactlyElementsOf(catalogueAsRows());

            // the same sync corrects a row changed by hand, and leaves the table alone when it agrees
            assertThat(DispositionTable.sync(c, CATALOGUE)).isZero();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE disposition SET timeframe_minutes = 0, needs_service = TRUE WHERE code = 'SBSELF'");
                s.executeUpdate("INSERT INTO disposition (code, name, timeframe_minutes, care_setting, outcome_group, "
                        + "needs_service) VALUES ('SBNEWER', 'Added by a newer release', 60, 'dental', "
                        + "'other-service', TRUE)");
            }
            assertThat(DispositionTable.sync(c, CATALOGUE)).isEqualTo(1);
            Map<String, DispositionInfo> after = DirectoryReader.reference(c).dispositions();
            assertThat(after.get("SBSELF")).isEqualTo(DispositionTable.of(CATALOGUE.byCode("SBSELF").orElseThrow()));
            assertThat(after).as("a code of a newer release survives an older instance's restart")
                    .containsKey("SBNEWER");
        }
    }
}
