package io.switchboard.callingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Garbage, unknown event types and malformed fields arrive on the live PBX link: each goes to the dead-letter topic
 * with its reason, redacted; the adapter stays up and the next good call is tracked as usual.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = AmiReplayTestResource.class, initArgs = @ResourceArg(name = "pbx-id", value = "pbx-all"))
class BadInputTest {

    private static final String PHONE = "07700900123";

    @Test
    void badMessagesAreDeadLetteredWithTheirReasonAndTheAdapterCarriesOn() {
        await().atMost(Duration.ofSeconds(60)).until(() -> AmiReplayTestResource.server().finishedPlaybacks() >= 1);

        inject("\u0001\u0002garbage from a noisy line " + PHONE + "\r\n\r\n");
        inject("Event: FrobnicateWidget\r\nPrivilege: call,all\r\nWidget: 7\r\n\r\n");
        inject("Event: QueueCallerJoin\r\nQueue: triage\r\nChannel: PJSIP/trunk-000000ff\r\nUniqueid: 1900000000.900"
                + "\r\nLinkedid: 1900000000.900\r\nCallerIDNum: " + PHONE + "\r\nPosition: first\r\nCount: 1\r\n\r\n");
        inject("Event: AgentConnect\r\nQueue: triage\r\nHoldTime: 3\r\n\r\n");
        // and then a good, short call
        inject("Event: Newchannel\r\nChannel: PJSIP/trunk-000000fe\r\nUniqueid: 1900000001.901\r\n"
                + "Linkedid: 1900000001.901\r\nCallerIDNum: 07700900999\r\nContext: from-trunk\r\nExten: 100\r\n\r\n"
                + "Event: Hangup\r\nChannel: PJSIP/trunk-000000fe\r\nUniqueid: 1900000001.901\r\n"
                + "Linkedid: 1900000001.901\r\nCause: 16\r\n\r\n");

        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.deadLetterOf(Topics.CALLS_LIFECYCLE))) {
            List<ConsumerRecord<String, byte[]>> dead = reader.readUntil(r -> fromUs(r).size() >= 4,
                    Duration.ofSeconds(30));
            List<String> reasons = fromUs(dead).stream()
                    .map(r -> CloudEventHeaders.text(r.headers(), CloudEventHeaders.DLQ_REASON)).toList();
            assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("malformed AMI message: not a 'Name: Value' line"))
                    .anySatisfy(r -> assertThat(r).isEqualTo("unknown AMI event type FrobnicateWidget"))
                    .anySatisfy(r -> assertThat(r).isEqualTo("QueueCallerJoin has a non-numeric Position: 'first'"))
                    .anySatisfy(r -> assertThat(r).isEqualTo("AgentConnect without Linkedid"));
            for (ConsumerRecord<String, byte[]> record : fromUs(dead)) {
                String value = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(value + CloudEventHeaders.text(record.headers(), CloudEventHeaders.DLQ_REASON))
                        .doesNotContain(PHONE);
            }
            assertThat(fromUs(dead).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                    .anySatisfy(v -> assertThat(v).contains("CallerIDNum: caller:").contains("Position: first"));
        }

        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.CALLS_LIFECYCLE)) {
            reader.readUntil(r -> r.stream().map(rec -> EventJson.fromBytes(rec.value(), CallLifecycleEvent.class))
                    .anyMatch(e -> e.callId().equals("pbx-all:1900000001.901") && e.step() == CallStep.ENDED),
                    Duration.ofSeconds(30));
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("switchboard_ami_messages_total{outcome=\"rejected\""));
    }

    private static void inject(String raw) {
        assertThat(AmiReplayTestResource.server().injectRaw(raw.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(1);
    }

    private static List<ConsumerRecord<String, byte[]>> fromUs(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .filter(r -> "/switchboard/call-ingest/pbx-all".equals(
                        CloudEventHeaders.text(r.headers(), "dead-letter-source")))
                .toList();
    }
}
