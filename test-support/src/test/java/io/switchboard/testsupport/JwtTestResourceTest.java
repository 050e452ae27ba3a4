package io.switchboard.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.localinfra.DevTokens;
import org.junit.jupiter.api.Test;

/**
 * A real quarkus-smallrye-jwt application configured only by {@link JwtTestResource} (the PEM text of the dev
 * public key in {@code mp.jwt.verify.publickey}) accepts {@link Tokens}' valid tokens, maps {@code groups} to
 * roles, and rejects the negative ones.
 */
@QuarkusTest
@WithTestResource(JwtTestResource.class)
class JwtTestResourceTest {

    @Test
    void aValidTokenWithAnAllowedRoleIsAccepted() {
        given().auth().oauth2(Tokens.forRoles("viewer", "clinician"))
                .when().get("/jwt-probe/kpi")
                .then().statusCode(200)
                .body("name", equalTo("test-user"))
                .body("subject", equalTo("test-user"))
                .body("issuer", equalTo(DevTokens.ISSUER))
                .body("groups", contains("clinician", "viewer"));
    }

    @Test
    void theSubjectCanBeChosen() {
        given().auth().oauth2(Tokens.forSubject("handler-42", "ops"))
                .when().get("/jwt-probe/override")
                .then().statusCode(200).body("name", equalTo("handler-42"));
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        given().when().get("/jwt-probe/kpi")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void aValidTokenWithoutTheRoleIs403() {
        given().auth().oauth2(Tokens.forRoles("viewer"))
                .when().get("/jwt-probe/override")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.forRoles())
                .when().get("/jwt-probe/kpi")
                .then().statusCode(403);
    }

    @Test
    void anExpiredTokenIs401() {
        given().auth().oauth2(Tokens.expired("ops"))
                .when().get("/jwt-probe/override")
                .then().statusCode(401);
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        given().auth().oauth2(Tokens.signedByAnotherKey("ops"))
                .when().get("/jwt-probe/override")
                .then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        given().auth().oauth2(Tokens.fromAnotherIssuer("ops"))
                .when().get("/jwt-probe/override")
                .then().statusCode(401);
    }

    @Test
    void aMalformedTokenIs401() {
        given().auth().oauth2("not-a-jwt")
                .when().get("/jwt-probe/override")
                .then().statusCode(401);
    }

    @Test
    void permitAllNeedsNoToken() {
        given().when().get("/jwt-probe/open").then().statusCode(200).body("open", equalTo(true));
    }
}
