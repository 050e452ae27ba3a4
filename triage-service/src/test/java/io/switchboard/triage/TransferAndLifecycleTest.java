package io.switchboard.triage;

import static io.restassured.RestAssured.given;
import static io.switchboard.triage.Triage.answer;
import static io.switchboard.triage.Triage.finish;
import static io.switchboard.triage.Triage.handler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CallStep;
import io.switchboard.events.CallTrace;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.events.Topics;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.triage.service.AssessmentService;
import io.switchboard.triage.store.OutboxEvent;
import io.switchboard.triage.store.ProcessedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The service's conversations on Kafka: "transfer to a clinician now" asks the PBX to transfer the call; a call that
 * ends or is abandoned mid-assessment closes it as incomplete (once, however often the event is delivered); unreadable
 * lifecycle records go to the dead-letter topic.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class TransferAndLifecycleTest {

    @Test
    void transferToAClinicianNowSendsATransferRequestForTheCall() {
        String callId = Triage.newCallId();
        String id = Triage.startOk(callId, "mental-health-crisis");
        answer(handler(), id, "q-harmed", "no").statusCode(200);
        answer(handler(), id, "q-danger", "no").statusCode(200);
        answer(handler(), id, "q-plans", "yes").statusCode(200)
                .body("current.disposition.code", equalTo("SBCLINNOW"))
                .body("current.disposition.alias", equalTo("SB-CLIN-NOW"))
                .body("current.disposition.transferToClinician", equalTo(true));
        String commandId = finish(handler(), id, "SBCLINNOW").statusCode(200)
                .body("disposition.code", equalTo("SBCLINNOW"))
                .extract().path("transferCommandId");
        assertThat(commandId).isEqualTo(AssessmentApiTest.uuid(id + ":transfer-call"));

        ConsumerRecord<String, byte[]> record = Triage.awaitRecords(Topics.ROUTING_COMMANDS, callId, 1).get(0);
        JsonNode json = EventJson.readTree(record.value());
        assertThat(EventSchemas.validate(Topics.ROUTING_COMMANDS, json)).isEmpty();
        RoutingCommand command = EventJson.fromBytes(record.value(), RoutingCommand.class);
        assertThat(command.commandId()).isEqualTo(commandId);
        assertThat(command.kind()).isEqualTo(RoutingCommandKind.TRANSFER_CALL);
        assertThat(command.callId()).isEqualTo(callId);
        assertThat(command.targetQueue()).isEqualTo("clinician");
        assertThat(command.issuedBy()).isEqualTo("triage");
        assertThat(command.reason()).contains("SBCLINNOW").contains("mental-health-crisis v1");
        assertThat(Triage.header(record, "ce_type")).isEqualTo("io.switchboard.routing.commands.v1.transfer-call");
        assertThat(Triage.header(record, "ce_id")).isEqualTo(commandId);
        assertThat(Triage.header(record, "ce_subject")).isEqualTo(callId);
        assertThat(CallTrace.traceIdOf(Triage.header(record, CallTrace.HEADER))).as("in the call's trace")
                .isEqualTo(CallTrace.of(callId).traceId());

        ConsumerRecord<String, byte[]> outcomeRecord = Triage.awaitRecords(Topics.TRIAGE_OUTCOMES, callId, 1).get(0);
        assertThat(CallTrace.traceIdOf(Triage.header(outcomeRecord, CallTrace.HEADER))).as("in the call's trace")
                .isEqualTo(CallTrace.of(callId).traceId());
        JsonNode outcome = EventJson.readTree(outcomeRecord.value());
        assertThat(outcome.at("/disposition/code").asText()).isEqualTo("SBCLINNOW");
        assertThat(outcome.at("/disposition/group").asText()).isEqualTo("other-service");
    }

    @Test
    void aCallThatEndsMidAssessmentClosesItAsIncompleteOnceHoweverOftenTheEventArrives() {
        String callId = Triage.newCallId();
        String id = Triage.startOk(callId, "abdominal-pain");
        answer(handler(), id, "q-collapse", "no").statusCode(200);

        var ended = Triage.lifecycle(callId, CallStep.ENDED, 5);
        Triage.publish(ended);

        ConsumerRecord<String, byte[]> record = Triage.awaitRecords(Topics.TRIAGE_OUTCOMES, callId, 1).get(0);
        JsonNode outcome = EventJson.readTree(record.value());
        assertThat(EventSchemas.validate(Topics.TRIAGE_OUTCOMES, outcome)).isEmpty();
        assertThat(outcome.get("status").asText()).isEqualTo("incomplete");
        assertThat(outcome.get("incompleteReason").asText()).isEqualTo("call-ended");
        assertThat(outcome.get("assessmentId").asText()).isEqualTo(id);
        assertThat(outcome.has("disposition")).isFalse();
        assertThat(outcome.get("handlerId").asText()).startsWith("agent:");
        assertThat(Triage.header(record, "ce_type")).isEqualTo("io.switchboard.triage.outcomes.v1.incomplete");
        assertThat(CallTrace.traceIdOf(Triage.header(record, CallTrace.HEADER))).as("in the call's trace")
                .isEqualTo(CallTrace.of(callId).traceId());

        given().auth().oauth2(handler()).when().get("/assessments/" + id).then().statusCode(200)
                .body("status", equalTo("incomplete"))
                .body("incompleteReason", equalTo("call-ended"));
        answer(handler(), id, "q-bleeding", "no").statusCode(409);

        // Delivered again, then a later event of the same call (same partition, so handled after the duplicate).
        Triage.publish(ended);
        var later = Triage.lifecycle(callId, CallStep.ABANDONED, 6);
        Triage.publish(later);
        await().atMost(Triage.TIMEOUT).until(() -> QuarkusTransaction.requiringNew().call(() -> ProcessedEvent
                .findById(new ProcessedEvent.Key(AssessmentService.LIFECYCLE_CONSUMER, later.eventId())) != null));
        long outcomes = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count(
                "topic = ?1 and recordKey = ?2", Topics.TRIAGE_OUTCOMES, callId));
        assertThat(outcomes).isEqualTo(1);
        given().auth().oauth2(handler()).when().get("/assessments/" + id).then()
                .body("incompleteReason", equalTo("call-ended"));
        given().auth().oauth2(io.switchboard.testsupport.Tokens.forRoles("clinician")).when()
                .get("/assessments/" + id + "/audit").then().statusCode(200)
                .body("find { it.kind == 'closed' }.actor", equalTo("system:calls.lifecycle.v1"))
                .body("find { it.kind == 'closed' }.detail", containsString("call-ended"))
                .body("find { it.kind == 'closed' }.nodeId", equalTo("q-bleeding"));

        // The call is over: nobody can start another assessment for it.
        Triage.start(handler(), callId, "rash", 40, "female").statusCode(409)
                .body("detail", containsString("is over (ended at"));
    }

    @Test
    void anAbandonedCallClosesItsAssessmentAsCallAbandoned() {
        String callId = Triage.newCallId();
        String id = Triage.startOk(callId, "dental-pain");
        Triage.publish(Triage.lifecycle(callId, CallStep.ABANDONED, 3));

        JsonNode outcome = EventJson.readTree(Triage.awaitRecords(Topics.TRIAGE_OUTCOMES, callId, 1).get(0).value());
        assertThat(outcome.get("incompleteReason").asText()).isEqualTo("call-abandoned");
        assertThat(outcome.get("assessmentId").asText()).isEqualTo(id);
    }

    @Test
    void otherLifecycleStepsLeaveTheAssessmentOpen() {
        String callId = Triage.newCallId();
        String id = Triage.startOk(callId, "rash");
        var transferred = new io.switchboard.events.CallLifecycleEvent(callId + ":4", callId, CallStep.TRANSFERRED, 4,
                java.time.Instant.now(), "pbx-test", "p", "r", "call-handler", null, null, null, 12.0, null,
                "clinician", null);
        Triage.publish(transferred);
        var ended = Triage.lifecycle(callId, CallStep.ENDED, 5);
        // Both are consumed in order; only the second closes the assessment.
        Triage.publish(ended);
        JsonNode outcome = EventJson.readTree(Triage.awaitRecords(Topics.TRIAGE_OUTCOMES, callId, 1).get(0).value());
        assertThat(outcome.get("incompleteReason").asText()).isEqualTo("call-ended");
        assertThat(outcome.get("assessmentId").asText()).isEqualTo(id);
    }

    @Test
    void anEventThatCouldNotBePublishedAtOnceIsPublishedByTheRetry() {
        // As a finish leaves it when Kafka does not acknowledge in time: written, not yet published.
        String callId = Triage.newCallId();
        String eventId = java.util.UUID.randomUUID().toString();
        var outcome = new io.switchboard.events.TriageOutcomeEvent(eventId, callId, "retry-test",
                io.switchboard.events.TriageStatus.INCOMPLETE, null, "handler-closed", "rash", "1",
                java.time.Instant.parse("2025-06-21T09:00:00Z"), java.time.Instant.parse("2025-06-21T09:01:00Z"),
                null, null, null, true);
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxEvent row = new OutboxEvent();
            row.eventId = eventId;
            row.topic = Topics.TRIAGE_OUTCOMES;
            row.recordKey = callId;
            row.ceType = outcome.cloudEventType();
            row.occurredAt = outcome.finishedAt();
            row.payload = EventJson.toBytes(outcome);
            row.createdAt = java.time.Instant.now();
            row.persist();
        });

        ConsumerRecord<String, byte[]> record = Triage.awaitRecords(Topics.TRIAGE_OUTCOMES, callId, 1).get(0);
        assertThat(Triage.header(record, "ce_id")).isEqualTo(eventId);
        assertThat(Triage.header(record, "ce_type")).isEqualTo("io.switchboard.triage.outcomes.v1.incomplete");
        assertThat(CallTrace.traceIdOf(Triage.header(record, CallTrace.HEADER)))
                .as("relayed long after: still in the call's trace, derived from its id").isEqualTo(CallTrace.of(callId).traceId());
        await().atMost(Triage.TIMEOUT).until(() -> QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.<OutboxEvent>findById(eventId).publishedAt != null));
    }

    @Test
    void unreadableLifecycleRecordsGoToTheDeadLetterTopicWithTheReason() {
        String garbageKey = Triage.newCallId();
        Triage.send(new ProducerRecord<>(Topics.CALLS_LIFECYCLE, garbageKey, "not json at all".getBytes(
                StandardCharsets.UTF_8)));
        String invalidKey = Triage.newCallId();
        Triage.send(new ProducerRecord<>(Topics.CALLS_LIFECYCLE, invalidKey,
                ("{\"eventId\":\"x\",\"callId\":\"NOT A CALL ID\",\"step\":\"ended\",\"sequence\":1,"
                        + "\"occurredAt\":\"2025-06-21T09:00:00Z\"}").getBytes(StandardCharsets.UTF_8)));

        List<ConsumerRecord<String, byte[]>> garbage = Triage.awaitRecords(Topics.deadLetterOf(Topics.CALLS_LIFECYCLE),
                garbageKey, 1);
        assertThat(new String(garbage.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        assertThat(Triage.header(garbage.get(0), "dead-letter-reason")).startsWith("not JSON");
        assertThat(Triage.header(garbage.get(0), "dead-letter-topic")).isEqualTo(Topics.CALLS_LIFECYCLE);

        List<ConsumerRecord<String, byte[]>> invalid = Triage.awaitRecords(Topics.deadLetterOf(Topics.CALLS_LIFECYCLE),
                invalidKey, 1);
        assertThat(Triage.header(invalid.get(0), "dead-letter-reason"))
                .startsWith("payload does not match calls.lifecycle.v1 schema")
                .contains("$.callId");

        // The consumer carries on after them.
        String callId = Triage.newCallId();
        Triage.startOk(callId, "rash");
        Triage.publish(Triage.lifecycle(callId, CallStep.ENDED, 2));
        assertThat(Triage.awaitRecords(Topics.TRIAGE_OUTCOMES, callId, 1)).hasSize(1);
    }
}
