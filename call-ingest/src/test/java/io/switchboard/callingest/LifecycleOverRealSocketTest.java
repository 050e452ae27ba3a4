package io.switchboard.callingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.amireplay.AmiTranscript;
import io.switchboard.events.AgentState;
import io.switchboard.events.AgentStateEvent;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CallTrace;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.Pseudonymiser;
import io.switchboard.events.Topics;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The whole adapter, end to end: the nine recorded scenarios replayed byte for byte over a real socket to the real
 * asterisk-java client, through call-ingest, to a real Kafka broker, read back by an outside consumer.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = AmiReplayTestResource.class, initArgs = @ResourceArg(name = "pbx-id", value = "pbx-all"))
class LifecycleOverRealSocketTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ConfigProperty(name = "switchboard.hmac-key")
    String hmacKey;

    @Test
    void everyCallerOfEveryScenarioHasExactlyItsRecordedLifecycle() {
        Pseudonymiser pseudonymiser = new Pseudonymiser(hmacKey);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        AmiTranscript.SCENARIOS.forEach(s -> GroundTruth.BY_SCENARIO.get(s).forEach((number, steps) ->
                expected.put(pseudonymiser.caller(number), steps)));
        int expectedEnds = expected.size();

        List<ConsumerRecord<String, byte[]>> records;
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.CALLS_LIFECYCLE)) {
            records = reader.readUntil(r -> ours(r).stream().filter(e -> e.step() == CallStep.ENDED).count()
                    >= expectedEnds, TIMEOUT);
            records = reader.readFor(Duration.ofSeconds(1)); // and nothing more arrives
        }
        List<CallLifecycleEvent> events = ours(records);

        Map<String, List<String>> actual = new LinkedHashMap<>();
        events.forEach(e -> actual.computeIfAbsent(e.callerToken(), k -> new ArrayList<>()).add(GroundTruth.render(e)));
        assertThat(actual).isEqualTo(expected);

        Set<String> ids = new HashSet<>();
        Map<String, Set<String>> tracesByCall = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CallLifecycleEvent event = EventJson.fromBytes(record.value(), CallLifecycleEvent.class);
            if (!event.callId().startsWith("pbx-all:") || event.callId().startsWith("pbx-all:19")) {
                continue;
            }
            CloudEventHeaders.Envelope envelope = CloudEventHeaders.read(record.headers());
            assertThat(envelope.id()).isEqualTo(event.eventId());
            assertThat(envelope.type()).endsWith("." + event.step().wireName());
            assertThat(record.key()).isEqualTo(event.callId());
            assertThat(ids.add(event.eventId())).as("no duplicate event ids").isTrue();
            assertThat(EventSchemas.validate(Topics.CALLS_LIFECYCLE, EventJson.readTree(record.value()))).isEmpty();
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("4930");
            String traceparent = CloudEventHeaders.text(record.headers(), CallTrace.HEADER);
            assertThat(traceparent).as("traceparent of " + event.eventId()).matches(CallTrace.TRACEPARENT);
            assertThat(record.headers().headers(CallTrace.HEADER)).hasSize(1);
            tracesByCall.computeIfAbsent(event.callId(), c -> new HashSet<>()).add(CallTrace.traceIdOf(traceparent));
        }
        // One trace per call, the one derived from its call id (with the SDK disabled, as in production by default).
        assertThat(tracesByCall).hasSizeGreaterThan(20);
        tracesByCall.forEach((callId, traces) ->
                assertThat(traces).as(callId).containsExactly(CallTrace.of(callId).traceId()));
    }

    @Test
    void pausesWithTheirReasonsReachTheAgentsTopic() {
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.AGENTS_STATE)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(r -> agents(r).stream()
                    .anyMatch(a -> "Training".equals(a.reason())), TIMEOUT);
            List<AgentStateEvent> paused = agents(records).stream()
                    .filter(a -> a.state() == AgentState.PAUSED).toList();
            assertThat(paused).extracting(AgentStateEvent::reason).contains("Lunch", "scenario-d", "Training");
            assertThat(paused).allSatisfy(a -> assertThat(a.agentId()).matches("agent:[0-9a-f]{32}"));
        }
    }

    /** This PBX's recorded calls (BadInputTest injects calls of its own, with Linkedids from 1900000000). */
    static List<CallLifecycleEvent> ours(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EventJson.fromBytes(r.value(), CallLifecycleEvent.class))
                .filter(e -> e.callId().startsWith("pbx-all:") && !e.callId().startsWith("pbx-all:19")).toList();
    }

    static List<AgentStateEvent> agents(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EventJson.fromBytes(r.value(), AgentStateEvent.class))
                .filter(e -> e.pbxId().equals("pbx-all")).toList();
    }
}
