package io.switchboard.kpi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

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
        // Quarkus starts Kafka Streams once its topics exist, after the application itself has started; until then the
        // stream's state is CREATED and Quarkus's own state check reports not live (the chart's startup probe covers
        // this window). Live comes first, ready once the group has joined and state is restored.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
