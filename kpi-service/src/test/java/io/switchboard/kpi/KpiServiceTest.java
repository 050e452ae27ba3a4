package io.switchboard.kpi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.EventJson;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.events.Topics;
import io.switchboard.kpi.audit.RoutingDecision;
import io.switchboard.kpi.support.RecordedLifecycle;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kpi-service end to end through a real broker and a real PostgreSQL: the recorded 20-call burst goes in as
 * call-ingest published it; the failover decision comes out on routing.commands.v1, lands in the audit trail, and the
 * KPIs are readable over REST and Prometheus. Plus the operator's override and the API's security.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class KpiServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theRecordedBurstEngagesContingencyWhichIsAuditedAndReleasedAfterTheHoldDown() {
        String region = "burst-region";
        RecordedLifecycle.publish(KafkaTestResource.broker().bootstrapServers(),
                RecordedLifecycle.asOfNow(RecordedLifecycle.load("g_burst"), Duration.ofSeconds(1), region));

        List<RoutingCommand> issued = awaitCommands(region, 1);
        RoutingCommand engage = issued.get(0);
        assertThat(engage.kind()).isEqualTo(RoutingCommandKind.ENGAGE_CONTINGENCY);
        assertThat(engage.issuedBy()).isEqualTo("policy");
        assertThat(engage.reason()).startsWith("calls waiting 8 >= 8");
        assertThat(engage.figures()).containsEntry("waitingNow", 8.0);

        await().atMost(TIMEOUT).until(() -> QuarkusTransaction.requiringNew().call(
                () -> RoutingDecision.findById(engage.commandId()) != null));

        // After the 10 s hold-down, once no more than 2 wait (the test profile's release threshold), it hands back.
        // How many still wait then depends on when the evaluation runs (each caller's wait is measured on the clock
        // of its own lifecycle partition, and this burst is published all at once).
        RoutingCommand release = awaitCommands(region, 2).get(1);
        assertThat(release.kind()).isEqualTo(RoutingCommandKind.RELEASE_CONTINGENCY);
        assertThat(release.reason()).matches("recovered: calls waiting [0-2] <= 2; longest wait \\d+ s <= 60 s; .*"
                + "engaged for \\d+ s >= hold-down 10 s");

        given().auth().oauth2(Tokens.forRoles("viewer"))
                .when().get("/kpis/current?region=" + region + "&queue=all")
                .then().statusCode(200)
                .body("find { it.window == 'rolling-15m' }.figures.offered", equalTo(20))
                .body("find { it.window == 'rolling-15m' }.figures.answered", equalTo(9))
                .body("find { it.window == 'rolling-15m' }.figures.abandoned", equalTo(2))
                .body("find { it.window == 'rolling-15m' }.figures.timedOut", equalTo(9))
                .body("find { it.window == 'rolling-15m' }.figures.contingencyRouted", equalTo(9))
                .body("find { it.window == 'rolling-15m' }.figures.answeredWithin60sShare", equalTo(1.0f));

        given().auth().oauth2(Tokens.forRoles("ops"))
                .when().get("/ops/contingency/decisions?region=" + region)
                .then().statusCode(200).body("commandId", hasItem(engage.commandId()));

        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("switchboard_kpi_offered{provider=\"recorded-provider\",queue=\"all\",region=\""
                        + region + "\",window=\"rolling-15m\"} 20.0")));
    }

    @Test
    void anOperatorPinsARegionAndHandsItBack() {
        String region = "pinned-region";
        given().auth().oauth2(Tokens.forRoles("ops")).contentType(ContentType.JSON)
                .body("{\"engage\":true,\"reason\":\"planned failover drill\"}")
                .when().put("/ops/contingency/" + region + "/pin")
                .then().statusCode(200).body("kind", equalTo("engage-contingency")).body("pinned", equalTo(true))
                .body("issuedBy", equalTo("user:" + Tokens.TEST_USER));

        RoutingCommand command = awaitCommands(region, 1).get(0);
        assertThat(command.reason()).isEqualTo("planned failover drill");
        await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(Tokens.forRoles("ops"))
                .when().get("/ops/contingency/" + region)
                .then().statusCode(200).body("pinned", equalTo(true)).body("engaged", equalTo(true)));

        given().auth().oauth2(Tokens.forRoles("ops")).when().delete("/ops/contingency/" + region
                        + "/pin?reason=drill%20over")
                .then().statusCode(200).body("kind", equalTo("clear-pin"));
        await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(Tokens.forRoles("ops"))
                .when().get("/ops/contingency/decisions?region=" + region)
                .then().statusCode(200).body("kind", hasItem("engage-contingency")).body("kind", hasItem("clear-pin")));
    }

    @Test
    void theApiRefusesMissingInvalidAndWrongRoleTokensWithProblemDetails() {
        given().when().get("/kpis/current").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2(Tokens.signedByAnotherKey("viewer")).when().get("/kpis/current").then().statusCode(401);
        given().auth().oauth2(Tokens.expired("viewer")).when().get("/kpis/current").then().statusCode(401);
        given().auth().oauth2(Tokens.forRoles("call-handler")).when().get("/kpis/current").then().statusCode(403)
                .contentType("application/problem+json").body("title", equalTo("Forbidden"));
        given().auth().oauth2(Tokens.forRoles("viewer")).contentType(ContentType.JSON)
                .body("{\"engage\":true,\"reason\":\"nope\"}").when().put("/ops/contingency/x/pin")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.forRoles("viewer")).when().get("/kpis/current").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void badRequestsGetProblemDetailsNamingTheFields() {
        given().auth().oauth2(Tokens.forRoles("ops")).contentType(ContentType.JSON).body("{\"engage\":true}")
                .when().put("/ops/contingency/some-region/pin")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("reason"));
        given().auth().oauth2(Tokens.forRoles("viewer")).when().get("/kpis/history?window=weekly")
                .then().statusCode(400).body("detail", containsString("window"));
        given().auth().oauth2(Tokens.forRoles("viewer")).when().get("/kpis/export/iuc-adc.csv?month=November")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static List<RoutingCommand> awaitCommands(String region, int count) {
        try (var reader = new io.switchboard.testsupport.TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.ROUTING_COMMANDS)) {
            var records = reader.readUntil(r -> commands(r, region).size() >= count, TIMEOUT);
            return commands(records, region);
        }
    }

    private static List<RoutingCommand> commands(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> r,
            String region) {
        return r.stream().map(rec -> EventJson.fromBytes(rec.value(), RoutingCommand.class))
                .filter(c -> region.equals(c.region())).toList();
    }
}
