package io.switchboard.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.Tokens;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Missing, invalid, expired and foreign tokens get 401; valid tokens without the role get 403; both problem+json. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class AuthorisationTest {

    private static final Map<String, Object> START = Map.of("callId", "pbx-test:auth.1", "pathwayId", "rash",
            "patient", Map.of("ageYears", 30, "sex", "male"));

    @Test
    void refusesRequestsWithoutAValidToken() {
        for (UnaryOperator<RequestSpecification> auth : java.util.List.<UnaryOperator<RequestSpecification>>of(
                r -> r,
                r -> r.auth().oauth2("not-a-jwt"),
                r -> r.auth().oauth2(Tokens.signedByAnotherKey("call-handler")),
                r -> r.auth().oauth2(Tokens.expired("call-handler")),
                r -> r.auth().oauth2(Tokens.fromAnotherIssuer("call-handler")))) {
            auth.apply(given()).when().get("/pathways").then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("https://switchboard.io/problems/unauthorized"))
                    .body("status", equalTo(401));
            auth.apply(given()).contentType(ContentType.JSON).body(START).when().post("/assessments").then()
                    .statusCode(401);
            auth.apply(given()).when().get("/calls/pbx-test:auth.1/assessments").then().statusCode(401);
        }
    }

    @Test
    void refusesValidTokensWithoutATriageRole() {
        for (String role : new String[] {"viewer", "ops", "directory-reader"}) {
            String token = Tokens.forRoles(role);
            given().auth().oauth2(token).when().get("/pathways").then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://switchboard.io/problems/forbidden"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(START).when().post("/assessments").then()
                    .statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("questionId", "q", "answerId", "a"))
                    .when().post("/assessments/00000000-0000-0000-0000-000000000000/answers").then().statusCode(403);
        }
        given().auth().oauth2(Tokens.forRoles()).when().get("/pathways").then().statusCode(403);
    }

    @Test
    void theAuditTrailAndReplayAreForClinicians() {
        String id = Triage.startOk(Triage.newCallId(), "rash");
        given().auth().oauth2(Tokens.forRoles("call-handler")).when().get("/assessments/" + id + "/audit").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forRoles("call-handler")).when().get("/assessments/" + id + "/replay").then()
                .statusCode(403);
        given().auth().oauth2(Tokens.forRoles("clinician")).when().get("/assessments/" + id + "/audit").then()
                .statusCode(200);
        given().auth().oauth2(Tokens.forRoles("clinician")).when().get("/assessments/" + id + "/replay").then()
                .statusCode(200).body("reproduced", equalTo(true));
    }

    @Test
    void cliniciansCanAlsoReadAnswerAndFinishAndAreAuditedByName() {
        String callId = Triage.newCallId();
        String id = Triage.startOk(callId, "rash");
        String clinician = Tokens.forSubject("dr-jones", "clinician");
        given().auth().oauth2(clinician).when().get("/assessments/" + id).then().statusCode(200);
        Triage.answer(clinician, id, "q-airway", "yes").statusCode(200);
        Triage.finish(clinician, id, "SBAMBC1").statusCode(200).body("status", equalTo("disposition-reached"));
        given().auth().oauth2(clinician).when().get("/assessments/" + id + "/audit").then().statusCode(200)
                .body("find { it.kind == 'finished' }.actor", equalTo("dr-jones"))
                .body("find { it.kind == 'started' }.actor", equalTo(Tokens.TEST_USER));
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
