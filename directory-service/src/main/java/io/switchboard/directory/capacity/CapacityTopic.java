package io.switchboard.directory.capacity;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.directory.config.DirectoryConfig;
import io.switchboard.events.EventJson;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * directory-service's own capacity topic: created at start if missing (compacted: the latest change per service is
 * what matters), and read by every instance with a group of its own, so each applies every change.
 */
@ApplicationScoped
public class CapacityTopic {

    private static final Logger LOG = Logger.getLogger(CapacityTopic.class);

    private final CapacityService capacity;

    CapacityTopic(CapacityService capacity) {
        this.capacity = capacity;
    }

    void create(@Observes @Priority(1) StartupEvent event,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, DirectoryConfig config) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        try (Admin admin = Admin.create(props)) {
            NewTopic topic = new NewTopic(CapacityService.TOPIC, 3, config.internalTopicReplication())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created %s", CapacityService.TOPIC);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.errorf("Could not create %s: %s", CapacityService.TOPIC, e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.errorf("Kafka did not answer while creating %s", CapacityService.TOPIC);
        }
    }

    @Incoming("capacity-in")
    public void onChange(byte[] payload) {
        capacity.applyRemote(EventJson.fromBytes(payload, CapacityChangedEvent.class));
    }
}
