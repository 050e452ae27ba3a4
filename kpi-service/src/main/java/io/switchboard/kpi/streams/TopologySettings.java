package io.switchboard.kpi.streams;

import io.switchboard.kpi.config.KpiConfig;
import io.switchboard.kpi.policy.Thresholds;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/** What the topology needs from configuration, as plain values (so tests build it without Quarkus). */
public record TopologySettings(Duration grace, Duration retention, Duration callMemory, Duration snapshotInterval,
        Duration evaluationInterval, Set<String> clinicianQueues, Function<String, Thresholds> thresholds,
        int regionPartitions) {

    public static TopologySettings from(KpiConfig config, int regionPartitions) {
        return new TopologySettings(config.grace(), config.retention(), config.callMemory(), config.snapshotInterval(),
                config.evaluationInterval(), config.clinicianQueues(), config::thresholdsFor, regionPartitions);
    }
}
