package io.switchboard.triage;

import static io.restassured.RestAssured.given;
import static io.switchboard.triage.Triage.answer;
import static io.switchboard.triage.Triage.finish;
import static io.switchboard.triage.Triage.handler;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invalid requests and steps the pathway does not allow are refused with RFC 9457 problem details. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class RequestValidationTest {

    @Test
    void anInvalidStartNamesEveryFieldAtFault() {
        given().auth().oauth2(handler()).contentType(ContentType.JSON)
                .body(Map.of("callId", "+447700900123", "pathwayId", "Chest Pain",
                        "patient", Map.of("ageYears", 131, "sex", "m"),
                        "location", Map.of("postcode", "nowhere", "latitude", 53.8)))
                .when().post("/assessments").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://switchboard.io/problems/invalid-request"))
                .body("errors.field", containsInAnyOrder("callId", "pathwayId", "patient.ageYears", "patient.sex",
                        "location.postcode", "location.complete"))
                .body("errors.find { it.field == 'callId' }.message", equalTo("must be a call id <pbxId>:<linkedid>"))
                .body("errors.find { it.field == 'location.complete' }.message",
                        equalTo("give a postcode, or latitude and longitude together"));

        given().auth().oauth2(handler()).contentType(ContentType.JSON).body(Map.of("callId", "pbx-test:1.1"))
                .when().post("/assessments").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("pathwayId", "patient"));
        given().auth().oauth2(handler()).contentType(ContentType.JSON).body("{\"callId\": ")
                .when().post("/assessments").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(handler()).contentType(ContentType.JSON)
                .body("{\"callId\":\"pbx-test:1.2\",\"pathwayId\":\"rash\",\"patient\":{\"ageYears\":\"old\",\"sex\":\"male\"}}")
                .when().post("/assessments").then().statusCode(400)
                .body("detail", equalTo("Field 'patient.ageYears' has the wrong type or format"));
    }

    @Test
    void coordinatesAloneAreEnoughForTheDirectory() {
        given().auth().oauth2(handler()).contentType(ContentType.JSON)
                .body(Map.of("callId", Triage.newCallId(), "pathwayId", "rash",
                        "patient", Map.of("ageYears", 30, "sex", "not-known"),
                        "location", Map.of("latitude", 53.7997, "longitude", -1.5492)))
                .when().post("/assessments").then().statusCode(201)
                .body("location.latitude", equalTo(53.7997f))
                .body("location.postcode", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anUnknownPathwayOrAPatientOutsideItsScopeIsRefused() {
        Triage.start(handler(), Triage.newCallId(), "sore-knee", 40, "female").statusCode(400)
                .body("errors[0].field", equalTo("pathwayId"))
                .body("errors[0].message", equalTo("no pathway 'sore-knee' (GET /pathways lists them)"));
        Triage.start(handler(), Triage.newCallId(), "fever-child", 40, "female").statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://switchboard.io/problems/pathway-not-applicable"))
                .body("detail", equalTo("Pathway fever-child applies to ages 0 to 15 years; the patient is 40"));
        Triage.start(handler(), Triage.newCallId(), "chest-pain", 9, "male").statusCode(422);
    }

    @Test
    void stepsThePathwayDoesNotAllowAreConflictsOrBadAnswers() {
        String id = Triage.startOk(Triage.newCallId(), "minor-injury");
        answer(handler(), id, "q-bleeding", "no").statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://switchboard.io/problems/assessment-state"))
                .body("detail", equalTo("The question being asked is 'q-head', not 'q-bleeding'"));
        answer(handler(), id, "q-head", "perhaps").statusCode(400)
                .body("errors[0].field", equalTo("answerId"))
                .body("errors[0].message", equalTo("Question 'q-head' has no answer 'perhaps' (answers: yes, no)"));
        answer(handler(), id, "Q HEAD", "no").statusCode(400).body("errors.field", hasItem("questionId"));
        finish(handler(), id, "Dx05").statusCode(409)
                .body("detail", equalTo("The assessment has not reached a disposition: question 'q-head' is still "
                        + "to be answered"));
        given().auth().oauth2(handler()).contentType(ContentType.JSON).body("{}")
                .when().post("/assessments/" + id + "/back").then().statusCode(409)
                .body("detail", equalTo("No question has been answered yet"));

        answer(handler(), id, "q-head", "no").statusCode(200);
        answer(handler(), id, "q-bleeding", "no").statusCode(200);
        answer(handler(), id, "q-deformity", "no").statusCode(200);
        answer(handler(), id, "q-weight", "no").statusCode(200).body("current.disposition.code", equalTo("Dx05"));
        answer(handler(), id, "q-weight", "yes").statusCode(409)
                .body("detail", equalTo("The assessment has reached its end ('end-contact-2h'): finish it, or go back "
                        + "to change an answer"));
        // Finishing confirms the disposition the handler saw: a different one is refused.
        finish(handler(), id, "SBAMBC1").statusCode(409)
                .body("detail", equalTo("The disposition reached is Dx05 (Contact a primary care service within 2 "
                        + "hours), not SBAMBC1"));
        // Back with no body: the last question answered is asked again.
        given().auth().oauth2(handler()).contentType(ContentType.JSON)
                .when().post("/assessments/" + id + "/back").then().statusCode(200)
                .body("current.id", equalTo("q-weight"));
        answer(handler(), id, "q-weight", "yes").statusCode(200).body("current.id", equalTo("q-wound"));
    }

    @Test
    void unknownAssessmentsAndMalformedIdsAreNotFound() {
        given().auth().oauth2(handler()).when().get("/assessments/7f1c3d5e-0000-4000-8000-000000000000").then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No assessment 7f1c3d5e-0000-4000-8000-000000000000"));
        given().auth().oauth2(handler()).when().get("/assessments/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(handler()).when().get("/calls/NOT VALID/assessments").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(handler()).when().get("/calls/pbx-test:never.seen/assessments").then().statusCode(200)
                .body("size()", equalTo(0));
    }
}
