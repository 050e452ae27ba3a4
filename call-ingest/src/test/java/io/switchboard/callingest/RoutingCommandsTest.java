package io.switchboard.callingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.amireplay.AmiAction;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CallTrace;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.events.RoutingResult;
import io.switchboard.events.RoutingStateEvent;
import io.switchboard.events.Topics;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Routing commands carried out on the (stand-in) PBX over AMI, with what happened reported on routing.state.v1. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = AmiReplayTestResource.class, initArgs = @ResourceArg(name = "pbx-id", value = "pbx-all"))
class RoutingCommandsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A contingency command's own trace (it comes from kpi-service's decision) continues in what the PBX did. */
    private static final String DECISION_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void contingencyIsEngagedAndReleasedOnceEachAndConfirmedByThePbx() {
        String engage = id();
        send(command(engage, RoutingCommandKind.ENGAGE_CONTINGENCY, "test-region", null, null), DECISION_TRACE);
        RoutingStateEvent engaged = awaitState(engage);
        assertThat(traceIdOfState(engage)).as("the decision's trace, across the broker twice")
                .isEqualTo(CallTrace.traceIdOf(DECISION_TRACE));
        assertThat(engaged.result()).isEqualTo(RoutingResult.APPLIED);
        assertThat(engaged.contingencyEngaged()).isTrue();
        assertThat(engaged.detail()).isEqualTo("VarSet CONTINGENCY=1 observed");
        assertThat(setvars()).containsExactly("CONTINGENCY=1");

        send(command(engage, RoutingCommandKind.ENGAGE_CONTINGENCY, "test-region", null, null)); // redelivered
        String again = id();
        send(command(again, RoutingCommandKind.ENGAGE_CONTINGENCY, "test-region", null, null));
        assertThat(awaitState(again).result()).isEqualTo(RoutingResult.ALREADY_APPLIED);

        String release = id();
        send(command(release, RoutingCommandKind.RELEASE_CONTINGENCY, "test-region", null, null));
        RoutingStateEvent released = awaitState(release);
        assertThat(released.result()).isEqualTo(RoutingResult.APPLIED);
        assertThat(released.contingencyEngaged()).isFalse();

        assertThat(setvars()).as("the repeated command was not applied again").containsExactly("CONTINGENCY=1",
                "CONTINGENCY=0");
        assertThat(states(engage)).hasSize(1);
    }

    @Test
    void aCallIsBlindTransferredFromItsHandlerToTheClinicianQueue() {
        String linkedId = "1900000002.902";
        inject("Event: Newchannel\r\nChannel: PJSIP/trunk-000000fd\r\nUniqueid: " + linkedId + "\r\nLinkedid: "
                + linkedId + "\r\nCallerIDNum: 07700900888\r\nContext: from-trunk\r\nExten: 100\r\n\r\n"
                + "Event: QueueCallerJoin\r\nQueue: triage\r\nChannel: PJSIP/trunk-000000fd\r\nUniqueid: " + linkedId
                + "\r\nLinkedid: " + linkedId + "\r\nPosition: 1\r\nCount: 1\r\n\r\n"
                + "Event: AgentConnect\r\nQueue: triage\r\nChannel: PJSIP/trunk-000000fd\r\nUniqueid: " + linkedId
                + "\r\nLinkedid: " + linkedId + "\r\nInterface: PJSIP/agent1\r\nDestChannel: PJSIP/agent1-000000aa"
                + "\r\nHoldTime: 2\r\nRingTime: 1\r\n\r\n");
        String callId = "pbx-all:" + linkedId;
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.CALLS_LIFECYCLE)) {
            reader.readUntil(r -> r.stream().map(rec -> EventJson.fromBytes(rec.value(), CallLifecycleEvent.class))
                    .anyMatch(e -> e.callId().equals(callId) && e.step() == CallStep.ANSWERED), TIMEOUT);
        }

        String transfer = id();
        send(command(transfer, RoutingCommandKind.TRANSFER_CALL, null, callId, "clinician"));
        RoutingStateEvent state = awaitState(transfer);

        assertThat(state.result()).isEqualTo(RoutingResult.APPLIED);
        assertThat(state.callId()).isEqualTo(callId);
        assertThat(traceIdOfState(transfer)).as("what happened to the call is in the call's trace")
                .isEqualTo(CallTrace.of(callId).traceId());
        AmiAction blindTransfer = AmiReplayTestResource.server().receivedActions("BlindTransfer").get(0);
        assertThat(blindTransfer.header("Channel")).isEqualTo("PJSIP/agent1-000000aa");
        assertThat(blindTransfer.header("Context")).isEqualTo("transfer-targets");
        assertThat(blindTransfer.header("Exten")).isEqualTo("clinician");

        String unknown = id();
        send(command(unknown, RoutingCommandKind.TRANSFER_CALL, null, "pbx-all:1900000009.999", "clinician"));
        RoutingStateEvent rejected = awaitState(unknown);
        assertThat(rejected.result()).isEqualTo(RoutingResult.REJECTED);
        assertThat(rejected.detail()).isEqualTo("the call is not connected to a handler on this PBX");
    }

    @Test
    void anUnreadableCommandGoesToTheDeadLetterTopicWithTheReason() {
        String marker = "garbage-" + UUID.randomUUID();
        sendRaw(marker, ("{\"kind\":\"engage-contingency\",\"note\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.deadLetterOf(Topics.ROUTING_COMMANDS))) {
            List<ConsumerRecord<String, byte[]>> dead = reader.readUntil(r -> r.stream()
                    .anyMatch(rec -> marker.equals(rec.key())), TIMEOUT);
            ConsumerRecord<String, byte[]> record = dead.stream().filter(rec -> marker.equals(rec.key())).findFirst()
                    .orElseThrow();
            assertThat(CloudEventHeaders.text(record.headers(), CloudEventHeaders.DLQ_REASON))
                    .contains("payload does not match routing.commands.v1 schema").contains("commandId");
        }
    }

    private static List<String> setvars() {
        return AmiReplayTestResource.server().receivedActions("Setvar").stream()
                .map(a -> a.header("Variable") + "=" + a.header("Value")).toList();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static RoutingCommand command(String id, RoutingCommandKind kind, String region, String callId,
            String targetQueue) {
        return new RoutingCommand(id, kind, region, null, callId, targetQueue, "test", Map.of("waitingNow", 12.0),
                "user:test", Instant.now(), false);
    }

    private static void send(RoutingCommand command) {
        send(command, null);
    }

    private static void send(RoutingCommand command, String traceparent) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ROUTING_COMMANDS, command.key(),
                EventJson.toBytes(command));
        CloudEventHeaders.write(record.headers(), new CloudEventHeaders.Envelope(command.commandId(), "/test",
                command.cloudEventType(), command.issuedAt(), command.key(), null));
        if (traceparent != null) {
            record.headers().add(CallTrace.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        produce(record);
    }

    private static void sendRaw(String key, byte[] value) {
        produce(new ProducerRecord<>(Topics.ROUTING_COMMANDS, key, value));
    }

    private static void produce(ProducerRecord<String, byte[]> record) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static RoutingStateEvent awaitState(String commandId) {
        await().atMost(TIMEOUT).until(() -> !states(commandId).isEmpty());
        return states(commandId).get(0);
    }

    private static List<RoutingStateEvent> states(String commandId) {
        return stateRecords(commandId).stream().map(r -> EventJson.fromBytes(r.value(), RoutingStateEvent.class))
                .toList();
    }

    private static String traceIdOfState(String commandId) {
        return CallTrace.traceIdOf(CloudEventHeaders.text(stateRecords(commandId).get(0).headers(), CallTrace.HEADER));
    }

    private static List<ConsumerRecord<String, byte[]>> stateRecords(String commandId) {
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.ROUTING_STATE)) {
            return reader.readFor(Duration.ofMillis(600)).stream().filter(r -> EventJson.fromBytes(r.value(),
                    RoutingStateEvent.class).commandId().equals(commandId)).toList();
        }
    }

    private static void inject(String raw) {
        await().atMost(TIMEOUT).until(() -> AmiReplayTestResource.server().openConnections() >= 1);
        AmiReplayTestResource.server().injectRaw(raw.getBytes(StandardCharsets.ISO_8859_1));
    }
}
