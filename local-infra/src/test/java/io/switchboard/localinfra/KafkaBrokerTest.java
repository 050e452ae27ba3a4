package io.switchboard.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker this project starts is a real Kafka: topics from the contract, idempotent produce, consume back. */
class KafkaBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(Path.of("target", "kafka-test"), 0);
        broker.createTopics(Topics.allWithDeadLetters());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void createsEveryContractTopicIncludingDeadLetters() throws Exception {
        try (TopicAdmin admin = new TopicAdmin(broker.bootstrapServers())) {
            assertThat(admin.listTopics()).containsAll(
                    Topics.allWithDeadLetters().stream().map(Topics.TopicSpec::name).toList());
            assertThat(admin.createMissing(Topics.allWithDeadLetters())).as("second creation is a no-op").isEmpty();
        }
    }

    @Test
    void publishesALifecycleEventAndReadsItBackWithItsCloudEventHeaders() {
        String callId = "pbx-test:1795280266.0";
        CallLifecycleEvent event = new CallLifecycleEvent("evt-1", callId, CallStep.OFFERED, 1,
                Instant.parse("2026-11-21T16:57:46.768Z"), "pbx-test", "provider-a", "north-west", null, null,
                null, null, null, null, null, null);

        Properties producerProps = new Properties();
        producerProps.putAll(broker.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CALLS_LIFECYCLE, callId,
                    EventJson.toBytes(event));
            CloudEventHeaders.write(record.headers(), new CloudEventHeaders.Envelope(event.eventId(),
                    "/switchboard/test", event.cloudEventType(), event.occurredAt(), callId,
                    CloudEventHeaders.dataSchemaOf(Topics.CALLS_LIFECYCLE)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError("publishing failed", e);
        }

        List<ConsumerRecord<String, byte[]>> received = consumeAll(Topics.CALLS_LIFECYCLE, 1);

        assertThat(received).hasSize(1);
        ConsumerRecord<String, byte[]> record = received.get(0);
        assertThat(record.key()).isEqualTo(callId);
        CloudEventHeaders.Envelope envelope = CloudEventHeaders.read(record.headers());
        assertThat(envelope.type()).isEqualTo("io.switchboard.calls.lifecycle.v1.offered");
        assertThat(envelope.id()).isEqualTo("evt-1");
        assertThat(envelope.subject()).isEqualTo(callId);
        assertThat(EventJson.fromBytes(record.value(), CallLifecycleEvent.class)).isEqualTo(event);
        assertThat(EventSchemas.validate(Topics.CALLS_LIFECYCLE, EventJson.readTree(record.value()))).isEmpty();

        assertKcatSeesTheCloudEventHeaders(callId, event);
    }

    /** An outside client nobody here wrote (Debian's kcat) reads the record and its ce_* headers. */
    private static void assertKcatSeesTheCloudEventHeaders(String callId, CallLifecycleEvent event) {
        JsonNode line = kcatLines(Topics.CALLS_LIFECYCLE).stream()
                .filter(json -> callId.equals(json.path("key").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("kcat did not print the record"));
        Map<String, String> headers = new java.util.HashMap<>();
        JsonNode flat = line.path("headers");
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            headers.put(flat.get(i).asText(), flat.get(i + 1).asText());
        }
        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", "io.switchboard.calls.lifecycle.v1.offered")
                .containsEntry("ce_id", event.eventId())
                .containsEntry("ce_subject", callId)
                .containsEntry("content-type", "application/json");
        assertThat(EventJson.fromBytes(line.path("payload").asText().getBytes(StandardCharsets.UTF_8),
                CallLifecycleEvent.class)).isEqualTo(event);
    }

    private static List<JsonNode> kcatLines(String topic) {
        try {
            Process kcat = new ProcessBuilder("kcat", "-b", broker.bootstrapServers(), "-t", topic, "-C", "-J",
                    "-e", "-q").redirectErrorStream(true).start();
            String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).as("kcat finished").isTrue();
            assertThat(kcat.exitValue()).as("kcat exit code; output: %s", output).isZero();
            List<JsonNode> lines = new ArrayList<>();
            for (String json : output.split("\n")) {
                if (!json.isBlank()) {
                    lines.add(EventJson.mapper().readTree(json));
                }
            }
            return lines;
        } catch (java.io.IOException e) {
            throw new AssertionError("kcat could not run (deploy/tools/ensure-packages installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consumeAll(String topic, int expected) {
        Properties props = new Properties();
        props.putAll(broker.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "kafka-broker-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        return received;
    }

    @Test
    void clientPropertiesNameTheBootstrapServers() {
        assertThat(broker.clientProperties()).isEqualTo(Map.of("bootstrap.servers", broker.bootstrapServers()));
        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(broker.isExternal()).isFalse();
    }
}
