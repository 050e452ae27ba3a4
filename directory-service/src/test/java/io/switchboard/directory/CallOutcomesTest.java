package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.directory.support.Api;
import io.switchboard.directory.support.Kafka;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.EventTypes;
import io.switchboard.events.Topics;
import io.switchboard.events.TriageOutcomeEvent;
import io.switchboard.events.TriageStatus;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.TopicReader;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outcome flow through the real broker: lifecycle and triage outcomes in, exactly one calls.outcomes.v1 record per
 * call out, valid against the published schema (services around Norwich).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class CallOutcomesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String REGION = "norfolk-test";
    private static final double LAT = 52.6300;
    private static final double LON = 1.2900;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void norwich() {
        Api.importCsv("""
                nor-ooh,nor-org,Norfolk Test OOH,Norwich Test Out of Hours,gp-out-of-hours,,true,0,130,any,,Dx05;Dx11,electronic;telephone,,,52.6400,1.2800,24h,24h,24h,24h,24h,24h,24h,24h,
                nor-gp,nor-org,Norfolk Test OOH,Norwich Test Surgery,gp-practice,,true,0,130,any,,Dx05,telephone,,,52.6290,1.2990,08:00-18:30,08:00-18:30,08:00-18:30,08:00-18:30,08:00-18:30,,,,
                """);
    }

    private static String newCall() {
        return "test-pbx:" + UUID.randomUUID();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** offered, queued, answered and ended, a minute apart up to now. */
    private static List<CallLifecycleEvent> answeredCall(String callId, Instant end) {
        return List.of(Kafka.step(callId, REGION, CallStep.OFFERED, 1, end.minusSeconds(600), null),
                Kafka.step(callId, REGION, CallStep.QUEUED, 2, end.minusSeconds(599), null),
                Kafka.step(callId, REGION, CallStep.ANSWERED, 3, end.minusSeconds(580), null),
                Kafka.step(callId, REGION, CallStep.ENDED, 4, end, "caller-hangup"));
    }

    private static List<ConsumerRecord<String, byte[]>> outcomesOf(List<ConsumerRecord<String, byte[]>> all,
            String callId) {
        return all.stream().filter(r -> callId.equals(r.key())).toList();
    }

    private static ConsumerRecord<String, byte[]> awaitOutcome(String callId) {
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(), Topics.CALLS_OUTCOMES)) {
            return outcomesOf(reader.readUntil(r -> !outcomesOf(r, callId).isEmpty(), TIMEOUT), callId).get(0);
        }
    }

    private static JsonNode payloadValidAgainstTheSchema(ConsumerRecord<String, byte[]> record) {
        JsonNode payload = EventJson.readTree(record.value());
        assertThat(EventSchemas.validate(Topics.CALLS_OUTCOMES, payload)).isEmpty();
        return payload;
    }

    private double duplicates(String topic) {
        var counter = metrics.find("switchboard_directory_duplicates_total").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aDispositionGetsTheTopRankedServiceExactlyOnceEvenWhenEverythingIsRedelivered() {
        String callId = newCall();
        Instant end = now();
        TriageOutcomeEvent triage = Kafka.disposition(callId, "Dx05", "primary-care", 120, LAT, LON, end.minusSeconds(60));
        List<CallLifecycleEvent> lifecycle = answeredCall(callId, end);
        Kafka.triage(triage);
        lifecycle.forEach(Kafka::lifecycle);

        ConsumerRecord<String, byte[]> record = awaitOutcome(callId);
        JsonNode outcome = payloadValidAgainstTheSchema(record);
        assertThat(outcome.get("result").asText()).isEqualTo("service-chosen");
        assertThat(outcome.at("/service/id").asText()).isEqualTo("nor-ooh");
        assertThat(outcome.at("/service/name").asText()).isEqualTo("Norwich Test Out of Hours");
        assertThat(outcome.at("/service/type").asText()).isEqualTo("gp-out-of-hours");
        assertThat(outcome.at("/service/referralMethod").asText()).isEqualTo("electronic");
        assertThat(outcome.at("/service/distanceKm").asDouble()).isBetween(1.0, 2.0);
        assertThat(outcome.at("/disposition/code").asText()).isEqualTo("Dx05");
        assertThat(outcome.get("provider").asText()).isEqualTo(Kafka.PROVIDER);
        assertThat(outcome.get("region").asText()).isEqualTo(REGION);
        assertThat(Instant.parse(outcome.get("offeredAt").asText())).isEqualTo(end.minusSeconds(600));
        assertThat(Instant.parse(outcome.get("answeredAt").asText())).isEqualTo(end.minusSeconds(580));
        assertThat(Instant.parse(outcome.get("triageFinishedAt").asText())).isEqualTo(end.minusSeconds(60));
        assertThat(outcome.get("callerToken").asText()).isEqualTo(Kafka.CALLER);
        assertThat(outcome.get("eventId").asText()).isEqualTo(callId + ":outcome");

        CloudEventHeaders.Envelope envelope = CloudEventHeaders.read(record.headers());
        assertThat(envelope.id()).isEqualTo(callId + ":outcome");
        assertThat(envelope.type()).isEqualTo(EventTypes.CALL_OUTCOME);
        assertThat(envelope.source()).isEqualTo("/switchboard/directory-service");
        assertThat(envelope.subject()).isEqualTo(callId);
        assertThat(envelope.dataSchema()).isEqualTo(CloudEventHeaders.dataSchemaOf(Topics.CALLS_OUTCOMES));
        assertThat(envelope.time()).isEqualTo(Instant.parse(outcome.get("decidedAt").asText()));

        double lifecycleDuplicates = duplicates(Topics.CALLS_LIFECYCLE);
        double triageDuplicates = duplicates(Topics.TRIAGE_OUTCOMES);
        Kafka.triage(triage);
        lifecycle.forEach(Kafka::lifecycle);
        await().atMost(TIMEOUT).until(() -> duplicates(Topics.CALLS_LIFECYCLE) >= lifecycleDuplicates + 4
                && duplicates(Topics.TRIAGE_OUTCOMES) >= triageDuplicates + 1);
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(), Topics.CALLS_OUTCOMES)) {
            assertThat(outcomesOf(reader.readFor(Duration.ofSeconds(3)), callId)).as("exactly one outcome").hasSize(1);
        }
    }

    @Test
    void ambulanceAndSelfCareDispositionsNeedNoService() {
        String callId = newCall();
        Instant end = now();
        Kafka.triage(Kafka.disposition(callId, "SBAMBC2", "ambulance", 0, LAT, LON, end.minusSeconds(30)));
        answeredCall(callId, end).forEach(Kafka::lifecycle);
        JsonNode outcome = payloadValidAgainstTheSchema(awaitOutcome(callId));
        assertThat(outcome.get("result").asText()).isEqualTo("no-service-needed");
        assertThat(outcome.has("service")).isFalse();
        assertThat(outcome.at("/disposition/group").asText()).isEqualTo("ambulance");
    }

    @Test
    void noServiceFoundSaysWhy() {
        String callId = newCall();
        Instant end = now();
        Kafka.triage(Kafka.disposition(callId, "Dx28", "other-service", 1440, LAT, LON, end.minusSeconds(30)));
        answeredCall(callId, end).forEach(Kafka::lifecycle);
        JsonNode outcome = payloadValidAgainstTheSchema(awaitOutcome(callId));
        assertThat(outcome.get("result").asText()).isEqualTo("no-service-found");
        assertThat(outcome.get("noServiceReason").asText()).isEqualTo("no service within 120 km accepts Dx28");
    }

    @Test
    void aTriageOutcomeArrivingAfterTheEndButWithinTheSettlePeriodStillCounts() {
        String callId = newCall();
        Instant end = now();
        answeredCall(callId, end).forEach(Kafka::lifecycle);
        Kafka.triage(Kafka.disposition(callId, "Dx11", "primary-care", 60, LAT, LON, end.plusMillis(200)));
        JsonNode outcome = payloadValidAgainstTheSchema(awaitOutcome(callId));
        assertThat(outcome.get("result").asText()).isEqualTo("service-chosen");
        assertThat(outcome.at("/service/id").asText()).isEqualTo("nor-ooh");
    }

    @Test
    void callsThatNeverReachATriageOutcomeGetOneFromTheirLifecycleAfterTheSettlePeriod() {
        Instant end = now();
        String abandoned = newCall();
        List.of(Kafka.step(abandoned, REGION, CallStep.OFFERED, 1, end.minusSeconds(90), null),
                Kafka.step(abandoned, REGION, CallStep.QUEUED, 2, end.minusSeconds(89), null),
                Kafka.step(abandoned, REGION, CallStep.ABANDONED, 3, end, null),
                Kafka.step(abandoned, REGION, CallStep.ENDED, 4, end, "abandoned")).forEach(Kafka::lifecycle);
        String contingency = newCall();
        List.of(Kafka.step(contingency, REGION, CallStep.OFFERED, 1, end.minusSeconds(30), null),
                Kafka.step(contingency, REGION, CallStep.CONTINGENCY_ROUTED, 2, end.minusSeconds(29), "switch-engaged"),
                Kafka.step(contingency, REGION, CallStep.ENDED, 3, end, "contingency-complete"))
                .forEach(Kafka::lifecycle);
        String answeredOnly = newCall();
        answeredCall(answeredOnly, end).forEach(Kafka::lifecycle);
        String incomplete = newCall();
        Kafka.triage(new TriageOutcomeEvent(incomplete + ":t", incomplete, "a-" + incomplete, TriageStatus.INCOMPLETE,
                null, "call-ended", "pathway-1", "1", end.minusSeconds(100), end.minusSeconds(5), Kafka.AGENT, null, null,
                true));
        answeredCall(incomplete, end).forEach(Kafka::lifecycle);

        assertThat(payloadValidAgainstTheSchema(awaitOutcome(abandoned)).get("result").asText()).isEqualTo("abandoned");
        JsonNode routed = payloadValidAgainstTheSchema(awaitOutcome(contingency));
        assertThat(routed.get("result").asText()).isEqualTo("contingency");
        assertThat(routed.has("answeredAt")).isFalse();
        JsonNode noTriage = payloadValidAgainstTheSchema(awaitOutcome(answeredOnly));
        assertThat(noTriage.get("result").asText()).isEqualTo("triage-incomplete");
        assertThat(noTriage.has("triageFinishedAt")).isFalse();
        JsonNode stopped = payloadValidAgainstTheSchema(awaitOutcome(incomplete));
        assertThat(stopped.get("result").asText()).isEqualTo("triage-incomplete");
        assertThat(Instant.parse(stopped.get("triageFinishedAt").asText())).isEqualTo(end.minusSeconds(5));
    }

    @Test
    void unreadableInputsGoToTheDeadLetterTopicsWithTheReason() {
        String badKey = "dlq-" + UUID.randomUUID();
        Kafka.send(Topics.TRIAGE_OUTCOMES, badKey, "this is not json".getBytes(StandardCharsets.UTF_8), null);
        CallLifecycleEvent invalid = Kafka.step("NOT A CALL ID", REGION, CallStep.OFFERED, 1, now(), null);
        Kafka.send(Topics.CALLS_LIFECYCLE, badKey, EventJson.toBytes(invalid), null);

        assertThat(deadLetterReason(Topics.TRIAGE_OUTCOMES, badKey)).startsWith("not JSON");
        assertThat(deadLetterReason(Topics.CALLS_LIFECYCLE, badKey))
                .contains("payload does not match calls.lifecycle.v1 schema").contains("$.callId");
    }

    private static String deadLetterReason(String topic, String key) {
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.deadLetterOf(topic))) {
            ConsumerRecord<String, byte[]> record = reader.readUntil(r -> r.stream().anyMatch(x -> key.equals(x.key())),
                    TIMEOUT).stream().filter(x -> key.equals(x.key())).findFirst().orElseThrow();
            return CloudEventHeaders.text(record.headers(), CloudEventHeaders.DLQ_REASON);
        }
    }
}
