package io.switchboard.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator itself: it must refuse what a Kubernetes API server (or Strimzi's CRD schema) would refuse. */
class SchemaValidatorTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: example/web:1
                      ports:
                        - {name: http, containerPort: 8080}
                      resources:
                        requests: {cpu: 250m, memory: 384Mi}
                        limits: {cpu: "1", memory: 512Mi}
                      readinessProbe:
                        httpGet: {path: /q/health/ready, port: http}
            """;

    private static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata:
              name: calls.lifecycle.v1
              labels: {strimzi.io/cluster: my-cluster}
            spec:
              partitions: 6
              replicas: 3
              config: {cleanup.policy: delete}
            """;

    @Test
    void acceptsValidManifests() throws Exception {
        assertThat(KubernetesSchemas.problems(yaml(DEPLOYMENT))).isEmpty();
        assertThat(KubernetesSchemas.problems(yaml(TOPIC))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "replicas: 2|replica: 2",                                   // misspelt field
            "replicas: 2|replicas: \"2\"",                              // string where an integer belongs
            "replicas: 2|replicas: two",
            "- name: web|- nme: web",                                   // misspelt, and the required name is missing
            "memory: 512Mi}|memory: 512MB of RAM}",                     // not a quantity
            "labels: {app: web}|labels: [app, web]",                    // array where an object belongs
            "httpGet: {path|httpGett: {path",
    })
    void refusesBrokenKubernetesManifests(String change) throws Exception {
        String[] fromTo = change.split("\\|");
        String broken = DEPLOYMENT.replace(fromTo[0], fromTo[1]);
        assertThat(broken).isNotEqualTo(DEPLOYMENT);
        assertThat(KubernetesSchemas.problems(yaml(broken))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "partitions: 6|partition: 6",                               // misspelt field
            "partitions: 6|partitions: \"six\"",
            "partitions: 6|partitions: 0",                              // below Strimzi's minimum of 1
            "apiVersion: kafka.strimzi.io/v1|apiVersion: kafka.strimzi.io/v1beta2", // only v1 is accepted here
    })
    void refusesBrokenStrimziManifests(String change) throws Exception {
        String[] fromTo = change.split("\\|");
        assertThat(KubernetesSchemas.problems(yaml(TOPIC.replace(fromTo[0], fromTo[1])))).isNotEmpty();
    }

    @Test
    void refusesFieldsThatStrimziV1Dropped() throws Exception {
        JsonNode kafka = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: k}
                spec:
                  kafka:
                    listeners:
                      - {name: tls, port: 9093, type: internal, tls: true}
                  zookeeper:
                    replicas: 3
                """);
        assertThat(KubernetesSchemas.problems(kafka)).anyMatch(p -> p.contains("zookeeper"));
    }

    @Test
    void refusesUnknownAclOperationsAndKinds() throws Exception {
        JsonNode user = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: u}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t}
                        operations: [Reed]
                """);
        assertThat(KubernetesSchemas.problems(user)).isNotEmpty();
        assertThat(KubernetesSchemas.problems(yaml("apiVersion: v1\nkind: Pod2\nmetadata: {name: p}\n")))
                .anyMatch(p -> p.contains("no schema"));
    }

    @Test
    void refusesBrokenServiceMonitors() throws Exception {
        JsonNode monitor = yaml("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: m}
                spec:
                  selector: {matchLabels: {app: web}}
                  endpoints:
                    - {port: http, pathh: /q/metrics}
                """);
        assertThat(KubernetesSchemas.problems(monitor)).anyMatch(p -> p.contains("pathh"));
    }

    private static JsonNode yaml(String text) throws Exception {
        return Chart.YAML.readTree(text);
    }
}
