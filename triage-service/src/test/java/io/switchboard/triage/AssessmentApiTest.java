package io.switchboard.triage;

import static io.restassured.RestAssured.given;
import static io.switchboard.triage.Triage.answer;
import static io.switchboard.triage.Triage.finish;
import static io.switchboard.triage.Triage.handler;
import static io.switchboard.triage.Triage.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.Pseudonymiser;
import io.switchboard.events.Topics;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.Tokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A handler takes a call through a pathway over the API, against the real PostgreSQL and broker: questions, a changed
 * answer, the disposition, the outcome on triage.outcomes.v1 (schema-valid, CloudEvents headers, pseudonymised
 * handler), the audit trail of every step, and its replay.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class AssessmentApiTest {

    @Inject
    EntityManager entityManager;

    @Test
    void aHandlerReachesADispositionAndTheOutcomeIsPublishedAuditedAndReplayable() {
        String callId = Triage.newCallId();
        String token = handler();

        String id = Triage.start(token, callId, "chest-pain", 40, "female")
                .statusCode(201)
                .extract().path("assessmentId");

        given().auth().oauth2(token).when().get("/assessments/" + id).then().statusCode(200)
                .body("status", equalTo("in-progress"))
                .body("callId", equalTo(callId))
                .body("pathway.id", equalTo("chest-pain"))
                .body("pathway.version", equalTo(1))
                .body("pathway.demonstrationContent", equalTo(true))
                .body("pathway.notice", containsString("DEMONSTRATION CONTENT - NOT CLINICALLY ASSURED"))
                .body("patient.ageYears", equalTo(40))
                .body("location.postcode", equalTo("LS1 4AP"))
                .body("current.kind", equalTo("question"))
                .body("current.id", equalTo("q-unresponsive"))
                .body("current.answers.id", equalTo(List.of("yes", "no")))
                .body("current.answers.redFlag", equalTo(List.of(true, false)));

        answer(token, id, "q-unresponsive", "no").statusCode(200).body("current.id", equalTo("q-crushing"));
        answer(token, id, "q-crushing", "no").statusCode(200).body("current.id", equalTo("q-associated"));
        answer(token, id, "q-associated", "no").statusCode(200).body("current.id", equalTo("q-history"));

        // Back to change an earlier answer: it and every later answer are discarded and asked again.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("questionId", "q-crushing"))
                .when().post("/assessments/" + id + "/back").then().statusCode(200)
                .body("current.id", equalTo("q-crushing"))
                .body("answers", hasSize(1))
                .body("answers[0].questionId", equalTo("q-unresponsive"));
        answer(token, id, "q-crushing", "no").statusCode(200);
        answer(token, id, "q-associated", "no").statusCode(200);
        answer(token, id, "q-history", "no").statusCode(200).body("current.id", equalTo("q-chest-wall"));
        answer(token, id, "q-chest-wall", "yes").statusCode(200)
                .body("current.kind", equalTo("disposition"))
                .body("current.disposition.code", equalTo("Dx15"))
                .body("current.disposition.timeframeMinutes", equalTo(1440))
                .body("current.advice", containsString("24 hours"))
                .body("status", equalTo("in-progress"));

        finish(token, id, "Dx15").statusCode(200)
                .body("status", equalTo("disposition-reached"))
                .body("disposition.code", equalTo("Dx15"))
                .body("disposition.group", equalTo("primary-care"))
                .body("current", nullValue())
                .body("answers.questionId", equalTo(List.of("q-unresponsive", "q-crushing", "q-associated",
                        "q-history", "q-chest-wall")))
                .body("outcomeEventId", equalTo(uuid(id + ":outcome")))
                .body("transferCommandId", nullValue());

        // The outcome, as directory-service will read it.
        ConsumerRecord<String, byte[]> record = Triage.awaitRecords(Topics.TRIAGE_OUTCOMES, callId, 1).get(0);
        JsonNode outcome = EventJson.readTree(record.value());
        assertThat(EventSchemas.validate(Topics.TRIAGE_OUTCOMES, outcome)).isEmpty();
        assertThat(outcome.get("eventId").asText()).isEqualTo(uuid(id + ":outcome"));
        assertThat(outcome.get("assessmentId").asText()).isEqualTo(id);
        assertThat(outcome.get("status").asText()).isEqualTo("disposition-reached");
        assertThat(outcome.at("/disposition/code").asText()).isEqualTo("Dx15");
        assertThat(outcome.at("/disposition/name").asText()).isEqualTo("Speak to a primary care service within 24 hours");
        assertThat(outcome.at("/disposition/timeframeMinutes").asInt()).isEqualTo(1440);
        assertThat(outcome.at("/disposition/careSetting").asText()).isEqualTo("primary-care");
        assertThat(outcome.get("pathwayId").asText()).isEqualTo("chest-pain");
        assertThat(outcome.get("pathwayVersion").asText()).isEqualTo("1");
        assertThat(outcome.at("/patient/ageYears").asInt()).isEqualTo(40);
        assertThat(outcome.at("/patient/sex").asText()).isEqualTo("female");
        assertThat(outcome.at("/location/postcode").asText()).isEqualTo("LS1 4AP");
        assertThat(outcome.get("demonstrationContent").asBoolean()).isTrue();
        assertThat(outcome.has("incompleteReason")).isFalse();
        // Staff appear on topics only as the HMAC token, never by name.
        assertThat(outcome.get("handlerId").asText())
                .isEqualTo(new Pseudonymiser(Triage.HMAC_KEY).pseudonymise("agent", Tokens.TEST_USER));
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(Tokens.TEST_USER);
        Instant finishedAt = Instant.parse(outcome.get("finishedAt").asText());
        assertThat(finishedAt).isAfterOrEqualTo(Instant.parse(outcome.get("startedAt").asText()));

        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(outcome.get("eventId").asText());
        assertThat(header(record, "ce_source")).isEqualTo("/switchboard/triage-service");
        assertThat(header(record, "ce_type")).isEqualTo("io.switchboard.triage.outcomes.v1.disposition-reached");
        assertThat(header(record, "ce_subject")).isEqualTo(callId);
        assertThat(header(record, "ce_dataschema"))
                .isEqualTo("https://switchboard.io/schemas/triage.outcomes.v1.schema.json");
        assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(finishedAt);
        assertThat(header(record, "content-type")).isEqualTo("application/json");

        // Every step, by whom, when, on which version: the clinical governance view.
        List<String> kinds = given().auth().oauth2(Tokens.forRoles("clinician")).when()
                .get("/assessments/" + id + "/audit").then().statusCode(200)
                .body("actor", org.hamcrest.Matchers.everyItem(equalTo(Tokens.TEST_USER)))
                .body("pathwayVersion", org.hamcrest.Matchers.everyItem(equalTo(1)))
                .body("find { it.kind == 'went-back' }.nodeId", equalTo("q-crushing"))
                .body("find { it.kind == 'went-back' }.detail", equalTo("discarded q-crushing=no, q-associated=no"))
                .body("find { it.kind == 'finished' }.dispositionCode", equalTo("Dx15"))
                .extract().path("kind");
        assertThat(kinds).containsExactly("started", "question-shown", "question-shown", "answered", "question-shown",
                "answered", "question-shown", "answered", "question-shown", "went-back", "question-shown", "answered",
                "question-shown", "answered", "question-shown", "answered", "question-shown", "answered",
                "disposition-shown", "finished");

        given().auth().oauth2(Tokens.forRoles("clinician")).when().get("/assessments/" + id + "/replay").then()
                .statusCode(200)
                .body("reproduced", equalTo(true))
                .body("differences", hasSize(0))
                .body("replayedDisposition.code", equalTo("Dx15"))
                .body("answersFromAudit.questionId", equalTo(List.of("q-unresponsive", "q-crushing", "q-associated",
                        "q-history", "q-chest-wall")));

        given().auth().oauth2(token).when().get("/calls/" + callId + "/assessments").then().statusCode(200)
                .body("assessmentId", equalTo(List.of(id)))
                .body("[0].status", equalTo("disposition-reached"))
                .body("[0].dispositionCode", equalTo("Dx15"))
                .body("[0].demonstrationContent", equalTo(true));

        // Over means over.
        answer(token, id, "q-chest-wall", "no").statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("The assessment is over (disposition-reached): it can no longer change"));
        finish(token, id, "Dx15").statusCode(409);
    }

    @Test
    void theLocationHeaderNamesTheNewAssessment() {
        var response = Triage.start(handler(), Triage.newCallId(), "rash", 3, "male").statusCode(201).extract();
        assertThat(response.header("Location")).endsWith("/assessments/" + response.path("assessmentId"));
    }

    @Test
    void oneAssessmentAtATimePerCallAndAHandlerCanCloseOneWithoutADisposition() {
        String callId = Triage.newCallId();
        String first = Triage.startOk(callId, "headache");
        Triage.start(handler(), callId, "rash", 40, "female").statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already has an assessment in progress (" + first + ")"));

        given().auth().oauth2(handler()).contentType(ContentType.JSON).body(Map.of("note", "wrong pathway chosen"))
                .when().post("/assessments/" + first + "/close").then().statusCode(200)
                .body("status", equalTo("incomplete"))
                .body("incompleteReason", equalTo("handler-closed"));
        String second = Triage.startOk(callId, "rash");

        given().auth().oauth2(handler()).when().get("/calls/" + callId + "/assessments").then().statusCode(200)
                .body("assessmentId", equalTo(List.of(first, second)))
                .body("status", equalTo(List.of("incomplete", "in-progress")));

        JsonNode closed = EventJson.readTree(Triage.awaitRecords(Topics.TRIAGE_OUTCOMES, callId, 1).get(0).value());
        assertThat(EventSchemas.validate(Topics.TRIAGE_OUTCOMES, closed)).isEmpty();
        assertThat(closed.get("status").asText()).isEqualTo("incomplete");
        assertThat(closed.get("incompleteReason").asText()).isEqualTo("handler-closed");
        assertThat(closed.get("pathwayId").asText()).isEqualTo("headache");
        assertThat(closed.get("pathwayVersion").asText()).isEqualTo("2");
        assertThat(closed.has("disposition")).isFalse();
    }

    @Test
    void newAssessmentsUseTheLatestVersionAndOneStartedOnAnOlderVersionCarriesOnWithIt() {
        String callId = Triage.newCallId();
        String current = Triage.start(handler(), callId, "headache", 30, "male").statusCode(201)
                .body("pathway.version", equalTo(2)).extract().path("assessmentId");
        answer(handler(), current, "q-drowsy", "no").statusCode(200);
        answer(handler(), current, "q-thunderclap", "no").statusCode(200).body("current.id", equalTo("q-neurological"));

        // An assessment started before version 2 was published (as the database holds it: just started on v1).
        String oldCall = Triage.newCallId();
        UUID old = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO assessment (id, call_id, pathway_id, pathway_version, pathway_sha256, status, answers,
                    current_node, age_years, sex, started_at, started_by, last_handler, next_step)
                VALUES (?1, ?2, 'headache', 1, ?3, 'in-progress', '[]'::jsonb, 'q-drowsy', 30, 'male', now(),
                    'earlier-user', 'earlier-user', 0)""")
                .setParameter(1, old).setParameter(2, oldCall)
                .setParameter(3, io.switchboard.triage.pathway.PathwayLoader.loadPackaged().version("headache", 1)
                        .orElseThrow().sha256())
                .executeUpdate());

        given().auth().oauth2(handler()).when().get("/assessments/" + old).then().statusCode(200)
                .body("pathway.version", equalTo(1))
                .body("current.id", equalTo("q-drowsy"));
        answer(handler(), old.toString(), "q-drowsy", "no").statusCode(200);
        // Version 1 has no neurological question: after the thunderclap question comes the meningism one.
        answer(handler(), old.toString(), "q-thunderclap", "no").statusCode(200)
                .body("current.id", equalTo("q-meningism"));
        answer(handler(), old.toString(), "q-meningism", "no").statusCode(200);
        answer(handler(), old.toString(), "q-head-injury", "no").statusCode(200);
        answer(handler(), old.toString(), "q-usual", "no").statusCode(200).body("current.disposition.code",
                equalTo("Dx35"));
        finish(handler(), old.toString(), "Dx35").statusCode(200);

        JsonNode outcome = EventJson.readTree(Triage.awaitRecords(Topics.TRIAGE_OUTCOMES, oldCall, 1).get(0).value());
        assertThat(outcome.get("pathwayVersion").asText()).isEqualTo("1");
        assertThat(outcome.at("/disposition/code").asText()).isEqualTo("Dx35");
    }

    @Test
    void theAuditTrailCannotBeRewritten() {
        String id = Triage.startOk(Triage.newCallId(), "rash");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE assessment_step SET actor = 'someone-else' WHERE assessment_id = ?1")
                .setParameter(1, UUID.fromString(id)).executeUpdate()))
                .hasStackTraceContaining("assessment_step is an audit trail");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("DELETE FROM assessment_step WHERE assessment_id = ?1")
                .setParameter(1, UUID.fromString(id)).executeUpdate()))
                .hasStackTraceContaining("assessment_step is an audit trail");
        given().auth().oauth2(Tokens.forRoles("clinician")).when().get("/assessments/" + id + "/audit").then()
                .statusCode(200).body("actor", equalTo(List.of(Tokens.TEST_USER, Tokens.TEST_USER)));
    }

    @Test
    void pathwaysAreListedAsDemonstrationContent() {
        given().auth().oauth2(handler()).when().get("/pathways").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(12))
                .body("demonstrationContent", org.hamcrest.Matchers.everyItem(equalTo(true)))
                .body("notice", org.hamcrest.Matchers.everyItem(containsString(
                        "DEMONSTRATION CONTENT - NOT CLINICALLY ASSURED")))
                .body("find { it.id == 'headache' }.version", equalTo(2))
                .body("find { it.id == 'headache' }.versions", equalTo(List.of(1, 2)))
                .body("find { it.id == 'fever-child' }.applicability.maxAgeYears", equalTo(15));
        given().auth().oauth2(Tokens.forRoles("clinician")).when().get("/pathways/headache/versions/1").then()
                .statusCode(200)
                .body("start", equalTo("q-drowsy"))
                .body("nodes.find { it.id == 'q-drowsy' }.answers.find { it.id == 'yes' }.next",
                        equalTo("end-ambulance-c2"))
                .body("nodes.find { it.id == 'end-call-back' }.disposition.code", equalTo("Dx35"))
                .body("file", equalTo("headache.v1.yaml"))
                .body("sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        given().auth().oauth2(handler()).when().get("/pathways/headache/versions/9").then().statusCode(404)
                .contentType("application/problem+json");
    }

    static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
