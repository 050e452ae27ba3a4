package io.switchboard.callingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.switchboard.amireplay.AmiTranscript;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.EventJson;
import io.switchboard.events.Pseudonymiser;
import io.switchboard.events.Topics;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The same nine scenarios against the packaged application (target/quarkus-app), as operators run it: asterisk-java
 * finds its event and response classes by scanning the classpath, which has failed in repackaged jars before.
 */
@QuarkusIntegrationTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = AmiReplayTestResource.class, initArgs = @ResourceArg(name = "pbx-id", value = "pbx-packaged"))
class PackagedApplicationIT {

    @Test
    void thePackagedAdapterProducesEveryRecordedLifecycleExactly() {
        Pseudonymiser pseudonymiser = new Pseudonymiser(AmiReplayTestResource.HMAC_KEY);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        AmiTranscript.SCENARIOS.forEach(s -> GroundTruth.BY_SCENARIO.get(s).forEach((number, steps) ->
                expected.put(pseudonymiser.caller(number), steps)));

        List<CallLifecycleEvent> events;
        try (TopicReader reader = new TopicReader(KafkaTestResource.broker().bootstrapServers(),
                Topics.CALLS_LIFECYCLE)) {
            reader.readUntil(r -> ours(r).stream().filter(e -> e.step() == CallStep.ENDED).count()
                    >= expected.size(), Duration.ofSeconds(90));
            events = ours(reader.readFor(Duration.ofSeconds(1)));
        }

        Map<String, List<String>> actual = new LinkedHashMap<>();
        events.forEach(e -> actual.computeIfAbsent(e.callerToken(), k -> new ArrayList<>()).add(GroundTruth.render(e)));
        assertThat(actual).isEqualTo(expected);
    }

    private static List<CallLifecycleEvent> ours(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EventJson.fromBytes(r.value(), CallLifecycleEvent.class))
                .filter(e -> e.callId().startsWith("pbx-packaged:")).toList();
    }
}
