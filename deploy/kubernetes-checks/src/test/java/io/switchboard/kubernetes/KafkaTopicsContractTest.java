package io.switchboard.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.events.Topics;
import io.switchboard.events.Topics.TopicSpec;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's KafkaTopics are the event contract (io.switchboard.events.Topics): a topic added to the contract
 * without a KafkaTopic, or with other partitions, cleanup policy or retention, fails the build.
 */
class KafkaTopicsContractTest {

    /**
     * Topics that are not in the contract because one service owns them (it also creates them at start if missing).
     * Each must be explained in the chart README's topic table.
     */
    static final Set<String> INTERNAL_TOPICS = Set.of("kpi-service.routing-overrides",
            "directory-service.capacity-changes");

    private static Map<String, JsonNode> topics;

    @BeforeAll
    static void render() {
        topics = Chart.render("minimal-values.yaml").ofKind("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.path("spec").path("topicName").asText(), Function.identity()));
    }

    @Test
    void everyContractTopicHasAKafkaTopicWithItsPartitionsCleanupPolicyAndRetention() {
        for (TopicSpec spec : Topics.allWithDeadLetters()) {
            assertThat(topics.keySet()).as("KafkaTopic for %s (add it to strimzi.topics.items in "
                    + "helm/switchboard/values.yaml and to the topic table of helm/switchboard/README.md)", spec.name())
                    .contains(spec.name());
            JsonNode topic = topics.get(spec.name()).path("spec");
            assertThat(topic.path("partitions").asInt()).as("partitions of " + spec.name())
                    .isEqualTo(spec.partitions());
            assertThat(topic.path("config").path("cleanup.policy").asText()).as("cleanup.policy of " + spec.name())
                    .isEqualTo(spec.compacted() ? "compact" : "delete");
            if (!spec.compacted()) {
                assertThat(Long.parseLong(topic.path("config").path("retention.ms").asText()))
                        .as("retention.ms of " + spec.name()).isEqualTo(spec.retention().toMillis());
            }
        }
    }

    @Test
    void noOtherTopicsThanTheContractAndTheDocumentedInternalOnes() {
        Set<String> contract = Topics.allWithDeadLetters().stream().map(TopicSpec::name).collect(Collectors.toSet());
        Set<String> extra = new TreeSet<>(topics.keySet());
        extra.removeAll(contract);
        assertThat(extra).isEqualTo(new TreeSet<>(INTERNAL_TOPICS));
        for (String internal : INTERNAL_TOPICS) {
            assertThat(topics.get(internal).path("spec").path("config").path("cleanup.policy").asText())
                    .isEqualTo("compact");
        }
    }

    @Test
    void everyTopicSurvivesABrokerLossWithoutLosingAcknowledgedRecords() {
        topics.forEach((name, topic) -> {
            int replicas = topic.path("spec").path("replicas").asInt();
            int minIsr = Integer.parseInt(topic.path("spec").path("config").path("min.insync.replicas").asText());
            assertThat(replicas).as(name).isGreaterThanOrEqualTo(3);
            assertThat(minIsr).as(name).isBetween(2, replicas - 1);
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isNotBlank();
            assertThat(topic.path("metadata").path("annotations").path("helm.sh/resource-policy").asText())
                    .as("kept on uninstall").isEqualTo("keep");
        });
    }

    @Test
    void theChartReadmeExplainsEveryTopic() throws Exception {
        List<String> rows = Files.readAllLines(Chart.dir().resolve("README.md")).stream()
                .filter(l -> l.startsWith("| `")).toList();
        for (String topic : topics.keySet()) {
            JsonNode spec = topics.get(topic).path("spec");
            assertThat(rows).as("a row for %s in the chart README's topic table", topic)
                    .anyMatch(r -> r.startsWith("| `" + topic + "` | " + spec.path("partitions").asInt() + " | "));
        }
    }
}
