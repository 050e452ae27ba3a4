package io.switchboard.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every topic of the contract. Names carry their major version: a breaking change gets a new topic
 * ({@code .v2}) published beside the old one, never an in-place change.
 */
public final class Topics {

    public static final String CALLS_LIFECYCLE = "calls.lifecycle.v1";
    public static final String AGENTS_STATE = "agents.state.v1";
    public static final String TRIAGE_OUTCOMES = "triage.outcomes.v1";
    public static final String CALLS_OUTCOMES = "calls.outcomes.v1";
    public static final String KPI_SNAPSHOTS = "kpi.snapshots.v1";
    public static final String ROUTING_COMMANDS = "routing.commands.v1";
    public static final String ROUTING_STATE = "routing.state.v1";

    /** Suffix of the dead-letter topic beside each topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(31);

    /**
     * Partition counts are sized for one region's peak on the local platform; deployments override them
     * (see helm/). Keys decide ordering: all events of one call, agent or region land on one partition.
     */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(CALLS_LIFECYCLE, "callId", 6, false, MONTH, CallLifecycleEvent.class),
            new TopicSpec(AGENTS_STATE, "agentId", 3, false, WEEK, AgentStateEvent.class),
            new TopicSpec(TRIAGE_OUTCOMES, "callId", 6, false, MONTH, TriageOutcomeEvent.class),
            new TopicSpec(CALLS_OUTCOMES, "callId", 6, false, MONTH, CallOutcomeEvent.class),
            new TopicSpec(KPI_SNAPSHOTS, "provider/region/queue/window/start", 3, true, MONTH, KpiSnapshotEvent.class),
            new TopicSpec(ROUTING_COMMANDS, "region (contingency) or callId (transfer)", 3, false, MONTH, RoutingCommand.class),
            new TopicSpec(ROUTING_STATE, "region (contingency) or callId (transfer)", 3, false, MONTH, RoutingStateEvent.class));

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Every topic including the dead-letter topics: what a broker must hold before services start. */
    public static List<TopicSpec> allWithDeadLetters() {
        return ALL.stream()
                .flatMap(t -> java.util.stream.Stream.of(t, t.deadLetter()))
                .toList();
    }

    public static Optional<TopicSpec> byName(String name) {
        return allWithDeadLetters().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * @param name       the topic name
     * @param key        what the record key is, for documentation
     * @param partitions partition count used when the project creates the topic
     * @param compacted  whether the latest value per key is what matters (log compaction)
     * @param retention  how long records are kept
     * @param payload    the payload type, or null for dead-letter topics (raw bytes)
     */
    public record TopicSpec(String name, String key, int partitions, boolean compacted, Duration retention,
            Class<?> payload) {

        public boolean isDeadLetter() {
            return name.endsWith(DLQ_SUFFIX);
        }

        public TopicSpec deadLetter() {
            return new TopicSpec(deadLetterOf(name), key + " (as the source record)", 1, false, MONTH, null);
        }

        /** Name of the JSON Schema resource under {@code schemas/}, e.g. {@code calls.lifecycle.v1.schema.json}. */
        public String schemaResource() {
            return "schemas/" + name + ".schema.json";
        }
    }
}
