package io.switchboard.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** The operator-facing endpoints every service has: health for probes, Prometheus metrics for scraping. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class HealthAndMetricsTest {

    @Test
    void isLiveAndReady() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void describesTheApiInOpenApi() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/assessments/{id}/answers"))
                .body(containsString("/calls/{callId}/assessments"))
                .body(containsString("DEMONSTRATION CONTENT - NOT CLINICALLY ASSURED"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(matchesPattern("(?s).*\\nswitchboard_triage_outbox_pending [0-9.]+\\n.*"));
    }
}
