package io.switchboard.callingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.KafkaTestResource;
import org.junit.jupiter.api.Test;

/** The operator-facing endpoints every service has: health for probes, Prometheus metrics for scraping. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = AmiReplayTestResource.class, initArgs = @ResourceArg(name = "pbx-id", value = "pbx-all"))
class HealthAndMetricsTest {

    @Test
    void isLiveAndReady() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'pbx-link' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'event-publishing' }.status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
