package io.switchboard.triage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.localinfra.DevTokens;
import io.switchboard.localinfra.LocalPostgres;
import io.switchboard.localinfra.ServiceProcess;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.TopicReader;
import io.switchboard.testsupport.Tokens;
import io.switchboard.triage.pathway.PathwayLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (target/quarkus-app) as operators run it: its state is all in PostgreSQL, so an assessment
 * carries on across a restart; and it refuses to start on invalid pathway content, saying which file and node.
 */
class PackagedServiceIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path WORK = Path.of("target/packaged-it");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Small heap, and the client compiler only: these JVMs live for seconds, start-up time is what counts. */
    private static final List<String> JVM = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    @Test
    void anAssessmentCarriesOnAfterTheServiceRestarts() throws IOException {
        Map<String, String> env = environment("triage_restart");
        String callId = "pbx-it:" + System.currentTimeMillis() + ".1";
        String token = Tokens.forRoles("call-handler");
        String id;
        try (ServiceProcess first = startReady(env)) {
            id = api(first, token).body(Map.of("callId", callId, "pathwayId", "minor-injury",
                            "patient", Map.of("ageYears", 30, "sex", "female")))
                    .post("/assessments").then().statusCode(201).extract().path("assessmentId");
            api(first, token).body(Map.of("questionId", "q-head", "answerId", "no"))
                    .post("/assessments/" + id + "/answers").then().statusCode(200)
                    .body("current.id", equalTo("q-bleeding"));
        }
        try (ServiceProcess second = startReady(env)) {
            api(second, token).get("/assessments/" + id).then().statusCode(200)
                    .body("status", equalTo("in-progress"))
                    .body("answers.questionId", equalTo(List.of("q-head")))
                    .body("current.id", equalTo("q-bleeding"));
            for (String[] step : new String[][] {{"q-bleeding", "no"}, {"q-deformity", "no"}, {"q-weight", "no"}}) {
                api(second, token).body(Map.of("questionId", step[0], "answerId", step[1]))
                        .post("/assessments/" + id + "/answers").then().statusCode(200);
            }
            api(second, token).body(Map.of("dispositionCode", "Dx05")).post("/assessments/" + id + "/finish").then()
                    .statusCode(200).body("status", equalTo("disposition-reached"));
            api(second, Tokens.forRoles("clinician")).get("/assessments/" + id + "/replay").then().statusCode(200)
                    .body("reproduced", equalTo(true));
        }
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.TRIAGE_OUTCOMES)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    r -> r.stream().anyMatch(rec -> callId.equals(rec.key())), Duration.ofSeconds(30));
            JsonNode outcome = EventJson.readTree(records.stream().filter(r -> callId.equals(r.key())).findFirst()
                    .orElseThrow().value());
            assertThat(outcome.at("/disposition/code").asText()).isEqualTo("Dx05");
            assertThat(outcome.get("assessmentId").asText()).isEqualTo(id);
        }
    }

    @Test
    void invalidPathwayContentStopsTheServiceFromStarting() throws IOException {
        Path content = WORK.resolve("broken-content");
        Files.createDirectories(content);
        byte[] cycle = resource("pathway-fixtures/cycle.v1.yaml");
        Files.write(content.resolve("cycle.v1.yaml"), cycle);
        Files.writeString(content.resolve("index.yaml"), "pathways:\n"
                + "  - {file: cycle.v1.yaml, sha256: " + PathwayLoader.sha256(cycle) + "}\n");
        Map<String, String> env = new HashMap<>(environment("triage_broken"));
        env.put("SWITCHBOARD_TRIAGE_PATHWAYS_DIR", content.toAbsolutePath().toString());

        try (ServiceProcess service = ServiceProcess.start("triage-service-broken", JAR, freePort(), env,
                WORK.resolve("logs"), JVM)) {
            await().atMost(START_TIMEOUT).until(() -> !service.isAlive());
            assertThat(service.isReady()).isFalse();
            assertThat(Files.readString(service.log()))
                    .contains("Invalid pathway content (1 problem)")
                    .contains("cycle.v1.yaml: node 'q-three': an answer leads back to 'q-two', a cycle: "
                            + "q-two -> q-three -> q-two");
        }
    }

    private static ServiceProcess startReady(Map<String, String> env) throws IOException {
        ServiceProcess service = ServiceProcess.start("triage-service", JAR, freePort(), env, WORK.resolve("logs"),
                JVM);
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!service.isAlive()) {
                throw new AssertionError("triage-service exited during start; see " + service.log());
            }
            return service.isReady();
        });
        return service;
    }

    private static Map<String, String> environment(String database) {
        LocalPostgres postgres = PostgresTestResource.postgres();
        postgres.createDatabase(database);
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", KafkaTestResource.broker().bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
                "SWITCHBOARD_HMAC_KEY", Triage.HMAC_KEY,
                "MP_JWT_VERIFY_PUBLICKEY", DevTokens.publicKeyPem(),
                "MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
    }

    private static RequestSpecification api(ServiceProcess service, String token) {
        return given().baseUri(service.url("")).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PackagedServiceIT.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
