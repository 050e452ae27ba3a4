package io.switchboard.callingest.routing;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.callingest.config.IngestConfig;
import io.switchboard.events.EventJson;
import io.switchboard.events.InvalidEventException;
import io.switchboard.events.RoutingStateEvent;
import io.switchboard.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Which routing commands this PBX has already carried out, rebuilt at start from routing.state.v1 (this PBX's own
 * reports), so a command redelivered after a restart is not applied a second time.
 */
@ApplicationScoped
public class RoutingHistory {

    private static final Logger LOG = Logger.getLogger(RoutingHistory.class);
    private static final int REMEMBERED = 100_000;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> kafkaConfig;
    private final IngestConfig config;
    private final AppliedCommands applied = new AppliedCommands(REMEMBERED);
    private final CountDownLatch loaded = new CountDownLatch(1);

    RoutingHistory(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Thread loader = new Thread(this::load, "routing-history");
        loader.setDaemon(true);
        loader.start();
    }

    /** The applied-command set, once the history is loaded (commands wait for it rather than risk a repeat). */
    public AppliedCommands applied() {
        try {
            if (!loaded.await(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("routing.state.v1 history still loading; carrying on with what is known");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return applied;
    }

    private void load() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        int count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_STATE, LOAD_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        RoutingStateEvent state = EventJson.fromBytes(record.value(), RoutingStateEvent.class);
                        if (config.pbxId().equals(state.pbxId())) {
                            applied.firstTime(state.commandId());
                            count++;
                        }
                    } catch (InvalidEventException e) {
                        LOG.warnf("Skipping an unreadable routing.state.v1 record at offset %d", record.offset());
                    }
                }
            }
            LOG.infof("Routing history loaded: %d commands already carried out by %s", count, config.pbxId());
        } catch (RuntimeException e) {
            LOG.errorf("Could not load the routing history (%s); repeats of old commands may be applied again",
                    e.getMessage());
        } finally {
            loaded.countDown();
        }
    }
}
