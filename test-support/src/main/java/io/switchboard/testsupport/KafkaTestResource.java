package io.switchboard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.events.Topics;
import io.switchboard.localinfra.KafkaBroker;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points a Quarkus test at a real Kafka broker with every contract topic created. One broker serves the whole test
 * JVM (it is slow to start compared with a test), stopped when the JVM exits; {@code KAFKA_BOOTSTRAP_SERVERS} selects
 * an external broker instead.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.fromEnvironmentOrStart(Path.of("target", "kafka"), 0);
            broker.createTopics(Topics.allWithDeadLetters());
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-test-broker-stop"));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = broker().bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        // Shared by every Quarkus application started in this JVM; stopped by the shutdown hook.
    }
}
