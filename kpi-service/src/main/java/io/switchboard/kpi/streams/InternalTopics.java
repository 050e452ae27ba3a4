package io.switchboard.kpi.streams;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates kpi-service's own topic (operators' pins, compacted) if it is missing; Kafka Streams waits for it before
 * starting (quarkus.kafka-streams.topics). Contract topics are created by the deployment, not here.
 */
@ApplicationScoped
public class InternalTopics {

    private static final Logger LOG = Logger.getLogger(InternalTopics.class);
    /** The repartition topic between the two stages (Kafka Streams prefixes it with the application id). */
    static final String DELTAS = "kpi-deltas-repartition";

    void onStart(@Observes StartupEvent event, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            io.switchboard.kpi.config.KpiConfig config) {
        short replication = config.internalTopicReplication();
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        try (Admin admin = Admin.create(props)) {
            NewTopic pins = new NewTopic(StoreNames.OVERRIDES_TOPIC, 1, replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(pins)).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created %s", StoreNames.OVERRIDES_TOPIC);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.errorf("Could not create %s: %s", StoreNames.OVERRIDES_TOPIC, e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.errorf("Kafka did not answer while creating %s", StoreNames.OVERRIDES_TOPIC);
        }
    }
}
