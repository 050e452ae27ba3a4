package io.switchboard.localinfra;

import io.switchboard.events.Topics.TopicSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the contract's topics on a broker, leaving existing ones alone. */
public final class TopicAdmin implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;
    private final Admin admin;

    public TopicAdmin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        this.admin = Admin.create(props);
    }

    /** @return the names of the topics this call created */
    public Set<String> createMissing(List<TopicSpec> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(TopicAdmin::newTopic)
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                awaitVisible(missing.stream().map(NewTopic::name).toList());
            }
            return Set.copyOf(missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on the Kafka broker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * A created topic is not at once in every client's metadata; a consumer that looks too early finds no
     * partitions (Kafka Streams then refuses to start a global store). Returns once all are described.
     */
    private void awaitVisible(List<String> names) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("topics not visible after creation: " + names);
                }
                TimeUnit.MILLISECONDS.sleep(50); // polling broker metadata: there is no event to wait on
            }
        }
    }

    public Set<String> listTopics() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static NewTopic newTopic(TopicSpec spec) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
        return new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(configs);
    }

    @Override
    public void close() {
        admin.close();
    }
}
