package io.switchboard.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.directory.capacity.CapacityChangedEvent;
import io.switchboard.directory.capacity.CapacityService;
import io.switchboard.directory.support.Api;
import io.switchboard.directory.support.Kafka;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.Tokens;
import io.switchboard.testsupport.TopicReader;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Capacity: set by service managers, applied to searches at once, published, reset automatically (Brighton). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class CapacityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void brighton() {
        Api.importCsv("""
                bri-a,bri-trust,Brighton Test Trust,Brighton Test UTC,urgent-treatment-centre,,true,0,130,any,,Dx05,walk-in,,,50.8250,-0.1400,24h,24h,24h,24h,24h,24h,24h,24h,
                bri-b,bri-trust,Brighton Test Trust,Brighton Test Walk-in,walk-in-centre,,true,0,130,any,,Dx05,walk-in,,,50.8300,-0.1300,24h,24h,24h,24h,24h,24h,24h,24h,
                bri-c,bri-trust,Brighton Test Trust,Hove Test Walk-in,walk-in-centre,,true,0,130,any,,Dx05,walk-in,,,50.8300,-0.1700,24h,24h,24h,24h,24h,24h,24h,24h,
                """);
        for (String id : List.of("bri-a", "bri-b", "bri-c")) {
            Api.setCapacity(id, "{\"status\":\"green\"}");
        }
    }

    private static ValidatableResponse search(Instant at) {
        return given().auth().oauth2(Tokens.forRoles("call-handler")).queryParam("disposition", "Dx05")
                .queryParam("latitude", 50.8225).queryParam("longitude", -0.1372).queryParam("age", 30)
                .queryParam("sex", "male").queryParam("at", at.toString())
                .when().get("/directory/search").then().statusCode(200);
    }

    @Test
    void redAppliesToTheVeryNextSearchIsPublishedAuditedAndCountsAsGreenAfterItsResetTime() {
        Instant before = Instant.now();
        given().auth().oauth2(Tokens.forSubject("manager-jo", "service-manager")).contentType("application/json")
                .body("{\"status\":\"red\",\"resetAfterMinutes\":60,\"reason\":\"no clinicians until noon\"}")
                .when().put("/directory/services/bri-a/capacity")
                .then().statusCode(200).body("status", equalTo("red")).body("effectiveNow", equalTo("red"))
                .body("setBy", equalTo("user:manager-jo"));

        search(Instant.now()).body("services.id", not(hasItem("bri-a")))
                .body("gaps.find { it.id == 'bri-a' }.criterion", equalTo("capacity-red"));
        search(Instant.now().plus(Duration.ofMinutes(61))).body("services.id", hasItem("bri-a"));

        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(), CapacityService.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(r -> r.stream().anyMatch(
                    rec -> "bri-a".equals(rec.key()) && red(rec)), TIMEOUT);
            ConsumerRecord<String, byte[]> red = records.stream().filter(rec -> "bri-a".equals(rec.key()) && red(rec))
                    .reduce((a, b) -> b).orElseThrow();
            CapacityChangedEvent event = EventJson.fromBytes(red.value(), CapacityChangedEvent.class);
            assertThat(event.previousStatus()).isEqualTo("green");
            assertThat(event.setBy()).isEqualTo("user:manager-jo");
            assertThat(event.resetAt()).isAfter(before.plus(Duration.ofMinutes(59)));
            assertThat(CloudEventHeaders.read(red.headers()).type()).isEqualTo(CapacityService.EVENT_TYPE);
        }
        given().auth().oauth2(Tokens.forRoles("service-manager")).when().get("/directory/services/bri-a/capacity/history")
                .then().statusCode(200).body("[0].status", equalTo("red"))
                .body("[0].reason", equalTo("no clinicians until noon"));
    }

    @Test
    void theResetJobPutsAnExpiredRedBackToGreenAndSaysSo() throws Exception {
        Api.setCapacity("bri-b", "{\"status\":\"red\",\"resetAfterMinutes\":15}");
        search(Instant.now()).body("services.id", not(hasItem("bri-b")));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE capacity SET reset_at = now() - interval '1 second' WHERE service_id = 'bri-b'");
        }
        await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(Tokens.forRoles("service-manager"))
                .when().get("/directory/services/bri-b/capacity/history").then().statusCode(200)
                .body("[0].setBy", equalTo("automatic-reset")).body("[0].status", equalTo("green"))
                .body("[0].previousStatus", equalTo("red")));
        given().auth().oauth2(Tokens.forRoles("call-handler")).when().get("/directory/services/bri-b")
                .then().body("capacity.status", equalTo("green"));
        search(Instant.now()).body("services.id", hasItem("bri-b"));
    }

    @Test
    void aChangeMadeByAnotherInstanceArrivesThroughTheCapacityTopic() {
        Instant setAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CapacityChangedEvent remote = new CapacityChangedEvent(UUID.randomUUID().toString(), "bri-c", "red", "green",
                "user:elsewhere", setAt, null, "set on another instance");
        Kafka.send(CapacityService.TOPIC, "bri-c", EventJson.toBytes(remote), null);
        await().atMost(TIMEOUT).untilAsserted(() -> search(Instant.now())
                .body("services.id", not(hasItem("bri-c"))).body("gapCounts.capacity-red", equalTo(1)));
    }

    @Test
    void capacityRequestsAreValidatedAndForServiceManagersOnly() {
        given().auth().oauth2(Tokens.forRoles("service-manager")).contentType("application/json")
                .body("{\"status\":\"red\",\"resetAfterMinutes\":5}").when().put("/directory/services/bri-a/capacity")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("resetAfterMinutes"));
        given().auth().oauth2(Tokens.forRoles("service-manager")).contentType("application/json")
                .body("{\"status\":\"purple\"}").when().put("/directory/services/bri-a/capacity")
                .then().statusCode(400).body("errors.field", hasItem("status"));
        given().auth().oauth2(Tokens.forRoles("service-manager")).contentType("application/json")
                .body("{\"status\":\"green\",\"resetAfterMinutes\":30}").when().put("/directory/services/bri-a/capacity")
                .then().statusCode(400).body("detail", containsString("amber or red only"));
        given().auth().oauth2(Tokens.forRoles("service-manager")).contentType("application/json")
                .body("{\"status\":\"red\"}").when().put("/directory/services/nowhere/capacity")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.forRoles("call-handler")).contentType("application/json")
                .body("{\"status\":\"red\"}").when().put("/directory/services/bri-a/capacity")
                .then().statusCode(403);
        search(Instant.now()).body("services.id", hasItem("bri-a"));
    }

    private static boolean red(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), CapacityChangedEvent.class).status().equals("red");
    }
}
