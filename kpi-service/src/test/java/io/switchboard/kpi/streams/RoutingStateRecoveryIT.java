package io.switchboard.kpi.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventJson;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.Topics;
import io.switchboard.kpi.policy.RegionRouting;
import io.switchboard.kpi.policy.Thresholds;
import io.switchboard.kpi.support.RecordedLifecycle;
import io.switchboard.localinfra.TopicAdmin;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * (An IT so it runs in its own JVM with its own broker, apart from the Quarkus application the other tests start.)
 *
 * <p>The routing state survives a restart: a second instance with an empty state directory rebuilds it from Kafka
 * (the changelog), still knows the region is engaged, and does not engage it a second time.
 */
class RoutingStateRecoveryIT {

    private static final Thresholds THRESHOLDS = new Thresholds(8, Duration.ofMinutes(5), 0.8, 20, 2,
            Duration.ofSeconds(60), 0.95, Duration.ofHours(1), Duration.ofHours(2));

    @Test
    void aRestartedInstanceRecoversTheEngagedStateInsteadOfResettingIt() throws Exception {
        String bootstrap = KafkaTestResource.broker().bootstrapServers();
        try (TopicAdmin admin = new TopicAdmin(bootstrap)) {
            admin.createMissing(List.of(new Topics.TopicSpec(StoreNames.OVERRIDES_TOPIC, "region", 1, true,
                    Duration.ofDays(365), null)));
        }
        String appId = "kpi-recovery-" + UUID.randomUUID();
        String region = "recovery-region";

        KafkaStreams first = start(bootstrap, appId);
        RecordedLifecycle.publish(bootstrap,
                RecordedLifecycle.asOfNow(RecordedLifecycle.load("g_burst"), Duration.ofSeconds(1), region));
        assertThat(commands(bootstrap, region, 1)).hasSize(1);
        first.close(Duration.ofSeconds(30));

        KafkaStreams second = start(bootstrap, appId);
        await().atMost(Duration.ofSeconds(60)).until(() -> second.state() == KafkaStreams.State.RUNNING);
        RegionRouting recovered = await().atMost(Duration.ofSeconds(30)).until(() -> routing(second, region),
                r -> r != null);
        assertThat(recovered.engaged).isTrue();
        assertThat(recovered.decisions).isEqualTo(1);

        // More callers waiting: already engaged, so no second command.
        RecordedLifecycle.publish(bootstrap,
                RecordedLifecycle.asOfNow(RecordedLifecycle.load("g_burst"), Duration.ofSeconds(1), region + "-again")
                        .stream().map(e -> new io.switchboard.events.CallLifecycleEvent(e.eventId(), e.callId(),
                                e.step(), e.sequence(), e.occurredAt(), e.pbxId(), e.provider(), region, e.queue(),
                                e.agentId(), e.callerToken(), e.waitSeconds(), e.talkSeconds(), e.queuePosition(),
                                e.transferTarget(), e.reason())).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> routing(second, region).decisions == 1
                && second.state() == KafkaStreams.State.RUNNING);
        try (TopicReader reader = new TopicReader(bootstrap, Topics.ROUTING_COMMANDS)) {
            assertThat(reader.readFor(Duration.ofSeconds(3)).stream()
                    .map(r -> EventJson.fromBytes(r.value(), RoutingCommand.class))
                    .filter(c -> region.equals(c.region()))).hasSize(1);
        }
        second.close(Duration.ofSeconds(30));
    }

    private static KafkaStreams start(String bootstrap, String appId) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Path.of("target"), "state-").toString());
        // Streams members do not leave the group on close: the restarted one waits for the old session to expire.
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        TopologySettings settings = new TopologySettings(Duration.ofMinutes(5), Duration.ofDays(62),
                Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofSeconds(1), Set.of("clinician"),
                r -> THRESHOLDS, 1);
        KafkaStreams streams = new KafkaStreams(KpiTopology.build(settings, PipelineCounters.NONE), props);
        streams.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private static RegionRouting routing(KafkaStreams streams, String region) {
        try {
            ReadOnlyKeyValueStore<String, RegionRouting> store = streams.store(StoreQueryParameters
                    .fromNameAndType(StoreNames.ROUTING, QueryableStoreTypes.keyValueStore()));
            return store.get(region);
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException rebuilding) {
            return null;
        }
    }

    private static List<RoutingCommand> commands(String bootstrap, String region, int count) {
        try (TopicReader reader = new TopicReader(bootstrap, Topics.ROUTING_COMMANDS)) {
            return reader.readUntil(r -> r.stream().map(rec -> EventJson.fromBytes(rec.value(), RoutingCommand.class))
                            .filter(c -> region.equals(c.region())).count() >= count, Duration.ofSeconds(60))
                    .stream().map(rec -> EventJson.fromBytes(rec.value(), RoutingCommand.class))
                    .filter(c -> region.equals(c.region())).toList();
        }
    }
}
