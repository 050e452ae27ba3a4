package io.switchboard.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.directory.support.Kafka;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallOutcomeEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.EventTypes;
import io.switchboard.events.Topics;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * GET /reconciliation through the real broker and PostgreSQL: calls of every kind go through the outcome flow, and
 * the report accounts for each one (calls offered in an hour of 2024 no other test uses).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class ReconciliationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String REGION = "reconcile-test";

    private static String newCall() {
        return "test-pbx:" + UUID.randomUUID();
    }

    private static void lifecycle(String callId, Instant offered, CallStep... steps) {
        int sequence = 0;
        for (CallStep step : steps) {
            sequence++;
            if (step == null) {
                continue; // an event that never arrives
            }
            String reason = step == CallStep.ENDED
                    ? (Arrays.asList(steps).contains(CallStep.ABANDONED) ? "abandoned" : "caller-hangup") : null;
            CallLifecycleEvent e = Kafka.step(callId, REGION, step, sequence, offered.plusSeconds(10L * sequence),
                    reason);
            Kafka.lifecycle(e);
        }
    }

    private static JsonPath report(Instant from, Instant to) {
        return given().auth().oauth2(Tokens.forRoles("ops"))
                .queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/reconciliation")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static String unmatched(JsonPath report, String callId, String field) {
        return report.getString("unmatched.find { it.callId == '" + callId + "' }." + field);
    }

    @Test
    void everyCallOfThePeriodIsMatchedOrListedWithTheReason() {
        Instant from = Instant.parse("2024-01-01T00:00:00Z").plus(ThreadLocalRandom.current().nextInt(0, 7000),
                ChronoUnit.HOURS);
        Instant to = from.plus(Duration.ofHours(1));
        Instant offered = from.plusSeconds(60);

        String triaged = newCall();
        lifecycle(triaged, offered, CallStep.OFFERED, CallStep.QUEUED, CallStep.ANSWERED, CallStep.ENDED);
        Kafka.triage(Kafka.disposition(triaged, "SBAMBC2", "ambulance", 18, 52.63, 1.29, offered.plusSeconds(30)));
        String abandoned = newCall();
        lifecycle(abandoned, offered, CallStep.OFFERED, CallStep.QUEUED, CallStep.ABANDONED, CallStep.ENDED);
        String untriaged = newCall();
        lifecycle(untriaged, offered, CallStep.OFFERED, CallStep.QUEUED, CallStep.ANSWERED, CallStep.ENDED);
        String inProgress = newCall();
        lifecycle(inProgress, offered, CallStep.OFFERED, CallStep.QUEUED, CallStep.ANSWERED);
        String noLifecycle = newCall();
        Kafka.triage(Kafka.disposition(noLifecycle, "Dx05", "primary-care", 120, 52.63, 1.29, offered.plusSeconds(600)));
        String gap = newCall();
        lifecycle(gap, offered, CallStep.OFFERED, null, CallStep.ANSWERED, CallStep.ENDED);
        String twice = newCall();
        lifecycle(twice, offered, CallStep.OFFERED, CallStep.QUEUED, CallStep.ABANDONED, CallStep.ENDED);
        String late = newCall();
        lifecycle(late, offered, CallStep.OFFERED, CallStep.QUEUED, CallStep.ANSWERED, CallStep.ENDED);
        String outside = newCall();
        lifecycle(outside, from.minusSeconds(60), CallStep.OFFERED, CallStep.QUEUED, CallStep.ABANDONED,
                CallStep.ENDED);

        // six calls ended: their outcomes are decided (at once, or after the settle period), published, read back
        await().atMost(TIMEOUT).until(() -> report(from, to).getInt("totals.outcomesReadBack") == 6);

        // then what must be listed: a second, different outcome for a call, and a triage outcome after the decision
        CallOutcomeEvent rogue = new CallOutcomeEvent(twice + ":outcome", twice, Kafka.PROVIDER, REGION,
                CallOutcomeEvent.Result.CONTINGENCY, offered, null, null, Instant.now(), null, null, null, null);
        assertThat(EventSchemas.validate(Topics.CALLS_OUTCOMES, EventJson.toTree(rogue))).isEmpty();
        Kafka.send(Topics.CALLS_OUTCOMES, twice, EventJson.toBytes(rogue), new CloudEventHeaders.Envelope(
                rogue.eventId(), "/switchboard/somewhere-else", EventTypes.CALL_OUTCOME, rogue.decidedAt(), twice,
                CloudEventHeaders.dataSchemaOf(Topics.CALLS_OUTCOMES)));
        Kafka.triage(Kafka.disposition(late, "Dx05", "primary-care", 120, 52.63, 1.29, Instant.now()));

        Map<String, String> expected = Map.of(inProgress, "in-progress", noLifecycle, "no-lifecycle",
                gap, "lifecycle-gap", twice, "outcome-published-twice", late, "late-triage-outcome");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonPath r = report(from, to);
            expected.forEach((call, code) -> assertThat(unmatched(r, call, "code")).as(call).isEqualTo(code));
        });

        JsonPath r = report(from, to);
        assertThat(r.getString("from")).isEqualTo(from.toString());
        assertThat(r.getString("to")).isEqualTo(to.toString());
        assertThat(r.getList("unmatched.callId")).containsExactlyInAnyOrderElementsOf(expected.keySet())
                .doesNotContain(triaged, abandoned, untriaged, outside);
        assertThat(r.getBoolean("truncated")).isFalse();

        assertThat(unmatched(r, inProgress, "reason"))
                .startsWith("offered at " + offered.plusSeconds(10) + ", no lifecycle end yet (in progress for ");
        assertThat(unmatched(r, noLifecycle, "reason")).startsWith("triage outcome (disposition-reached, finished "
                + offered.plusSeconds(600) + ") without lifecycle");
        assertThat(unmatched(r, gap, "reason"))
                .isEqualTo("lifecycle incomplete: 3 of the 4 events up to sequence 4 received");
        assertThat(unmatched(r, twice, "reason")).isEqualTo("outcome published twice: 2 different outcomes for this "
                + "call on calls.outcomes.v1 (abandoned, contingency); there must only ever be one");
        assertThat(unmatched(r, late, "reason")).startsWith("1 triage outcome (last disposition-reached, finished ")
                .contains("arrived after the outcome (triage-incomplete) was decided at ");
        assertThat(unmatched(r, gap, "provider")).isEqualTo(Kafka.PROVIDER);
        assertThat(unmatched(r, gap, "region")).isEqualTo(REGION);

        assertThat(r.getInt("totals.calls")).isEqualTo(8);
        assertThat(r.getInt("totals.offered")).isEqualTo(7);
        assertThat(r.getInt("totals.inProgress")).isEqualTo(1);
        assertThat(r.getInt("totals.ended")).isEqualTo(6);
        assertThat(r.getMap("totals.endedByKind")).isEqualTo(Map.of("answered", 4, "abandoned", 2));
        assertThat(r.getMap("totals.endedByReason")).isEqualTo(Map.of("caller-hangup", 4, "abandoned", 2));
        assertThat(r.getInt("totals.triaged")).isEqualTo(3);
        assertThat(r.getInt("totals.triagedWithDisposition")).isEqualTo(2);
        assertThat(r.getInt("totals.triageWithoutLifecycle")).isEqualTo(1);
        assertThat(r.getInt("totals.outcomesDecided")).isEqualTo(6);
        assertThat(r.getMap("totals.outcomesPublished"))
                .isEqualTo(Map.of("no-service-needed", 1, "abandoned", 2, "triage-incomplete", 3));
        assertThat(r.getInt("totals.outcomesUnpublished")).isZero();
        assertThat(r.getInt("totals.outcomesReadBack")).isEqualTo(6);
        assertThat(r.getInt("totals.outcomeRedeliveries")).isZero();
        assertThat(r.getInt("totals.matched")).isEqualTo(3);
        assertThat(r.getInt("totals.unmatched")).isEqualTo(5);
        assertThat(r.getMap("totals.unmatchedByCode")).isEqualTo(Map.of("in-progress", 1, "no-lifecycle", 1,
                "lifecycle-gap", 1, "outcome-published-twice", 1, "late-triage-outcome", 1));
    }

    @Test
    void onlyOpsAndViewersMayReconcile() {
        String from = "2024-01-01T00:00:00Z";
        String to = "2024-01-02T00:00:00Z";
        given().queryParam("from", from).queryParam("to", to).when().get("/reconciliation")
                .then().statusCode(401).contentType("application/problem+json").body("title", equalTo("Unauthorized"));
        given().auth().oauth2(Tokens.forRoles("call-handler", "service-manager", "directory-reader"))
                .queryParam("from", from).queryParam("to", to).when().get("/reconciliation")
                .then().statusCode(403).contentType("application/problem+json").body("title", equalTo("Forbidden"));
        for (String role : List.of("ops", "viewer")) {
            given().auth().oauth2(Tokens.forRoles(role)).queryParam("from", from).queryParam("to", to)
                    .when().get("/reconciliation").then().statusCode(200).body("from", equalTo(from));
        }
    }

    @Test
    void aBadPeriodIsAProblemSayingWhatIsWrong() {
        bad("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z", "'to' must be after 'from' (the period is [from, to))");
        bad("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z", "'to' makes the period too long: at most 31 days");
        bad("last tuesday", "2024-01-01T00:00:00Z", "'from' must be an RFC 3339 date-time");
        bad(null, "2024-01-01T00:00:00Z", "'from' is required");
    }

    private static void bad(String from, String to, String detail) {
        var request = given().auth().oauth2(Tokens.forRoles("ops")).queryParam("to", to);
        if (from != null) {
            request = request.queryParam("from", from);
        }
        request.when().get("/reconciliation")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://switchboard.io/problems/invalid-request"))
                .body("detail", startsWith(detail))
                .body("instance", equalTo("/reconciliation"));
    }
}
