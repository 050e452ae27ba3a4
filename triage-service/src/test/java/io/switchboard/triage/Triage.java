package io.switchboard.triage;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.TopicReader;
import io.switchboard.testsupport.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the integration tests do over and over: drive the API as a handler, read and write the real topics. */
final class Triage {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String HMAC_KEY = "test-only-key-not-a-secret-0123456789";
    private static final AtomicLong CALLS = new AtomicLong();

    private Triage() {
    }

    /** A call id no other test uses. */
    static String newCallId() {
        return "pbx-test:" + System.currentTimeMillis() + "." + CALLS.incrementAndGet();
    }

    /** One call handler's token for the whole run (valid for an hour): signing one per request costs time. */
    private static final String HANDLER = Tokens.forRoles("call-handler");

    static String handler() {
        return HANDLER;
    }

    static ValidatableResponse start(String token, String callId, String pathwayId, int age, String sex) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("callId", callId, "pathwayId", pathwayId,
                        "patient", Map.of("ageYears", age, "sex", sex),
                        "location", Map.of("postcode", "ls1 4ap")))
                .when().post("/assessments").then();
    }

    static String startOk(String callId, String pathwayId) {
        return start(handler(), callId, pathwayId, 40, "female").statusCode(201).extract().path("assessmentId");
    }

    static ValidatableResponse answer(String token, String id, String questionId, String answerId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("questionId", questionId, "answerId", answerId))
                .when().post("/assessments/" + id + "/answers").then();
    }

    static ValidatableResponse finish(String token, String id, String dispositionCode) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("dispositionCode", dispositionCode))
                .when().post("/assessments/" + id + "/finish").then();
    }

    /** Records of the topic keyed by this call, read from the beginning until {@code count} have arrived. */
    static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, int count) {
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(), topic)) {
            return reader.readUntil(records -> ofKey(records, key).size() >= count, TIMEOUT).stream()
                    .filter(r -> key.equals(r.key())).toList();
        }
    }

    static List<ConsumerRecord<String, byte[]>> ofKey(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.text(record.headers(), name);
    }

    static CallLifecycleEvent lifecycle(String callId, CallStep step, int sequence) {
        boolean abandoned = step == CallStep.ABANDONED;
        return new CallLifecycleEvent(callId + ":" + sequence, callId, step, sequence, Instant.now(), "pbx-test",
                "test-provider", "test-region", abandoned ? "call-handler" : null, null, null,
                abandoned ? 30.0 : null, step == CallStep.ENDED ? 95.0 : null, abandoned ? 2 : null, null,
                step == CallStep.ENDED ? "caller-hangup" : null);
    }

    /** Publishes as call-ingest does: JSON payload, ce_* headers, keyed by callId. */
    static void publish(CallLifecycleEvent event) {
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        CloudEventHeaders.write(headers, new CloudEventHeaders.Envelope(event.eventId(), "/switchboard/call-ingest",
                event.cloudEventType(), event.occurredAt(), event.callId(),
                CloudEventHeaders.dataSchemaOf(Topics.CALLS_LIFECYCLE)));
        send(new ProducerRecord<>(Topics.CALLS_LIFECYCLE, null, event.callId(), EventJson.toBytes(event), headers));
    }

    static void send(ProducerRecord<String, byte[]> record) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }
}
