package io.switchboard.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes/strimzi-kafka.yaml: valid Strimzi v1 resources, and what the chart's defaults expect. */
class StrimziSampleTest {

    @Test
    void theSampleClusterIsValidKraftWithNodePoolsAndMatchesTheChartDefaults() throws Exception {
        Chart.Rendered sample = new Chart.Rendered(
                Files.readString(Chart.repo().resolve("deploy/kubernetes/strimzi-kafka.yaml")));
        List<String> problems = new ArrayList<>();
        sample.manifests().forEach(m -> problems.addAll(KubernetesSchemas.problems(m)));
        assertThat(problems).isEmpty();

        JsonNode kafka = sample.ofKind("Kafka").get(0);
        assertThat(kafka.path("spec").has("zookeeper")).isFalse();
        List<JsonNode> pools = sample.ofKind("KafkaNodePool");
        assertThat(pools).extracting(p -> p.path("spec").path("roles").toString())
                .anyMatch(r -> r.contains("controller")).anyMatch(r -> r.contains("broker"));
        pools.forEach(p -> assertThat(p.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                .isEqualTo(kafka.path("metadata").path("name").asText()));

        JsonNode values = Chart.YAML.readTree(Chart.dir().resolve("values.yaml").toFile());
        String cluster = kafka.path("metadata").path("name").asText();
        assertThat(values.path("strimzi").path("clusterName").asText()).isEqualTo(cluster);
        assertThat(values.path("kafka").path("tls").path("caSecret").asText()).isEqualTo(cluster + "-cluster-ca-cert");
        assertThat(values.path("networkPolicy").path("kafka").path("podSelector").path("matchLabels")
                .path("strimzi.io/cluster").asText()).isEqualTo(cluster);
        JsonNode listener = kafka.path("spec").path("kafka").path("listeners").get(0);
        assertThat(values.path("kafka").path("bootstrapServers").asText())
                .isEqualTo(cluster + "-kafka-bootstrap:" + listener.path("port").asInt());
        assertThat(listener.path("authentication").path("type").asText())
                .isEqualTo(values.path("strimzi").path("users").path("authentication").asText());
        assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asBoolean(true))
                .isFalse();
    }
}
