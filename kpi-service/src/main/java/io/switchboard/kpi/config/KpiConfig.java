package io.switchboard.kpi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.switchboard.kpi.policy.Thresholds;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** kpi-service's configuration ({@code switchboard.kpi.*}; environment SWITCHBOARD_KPI_*). */
@ConfigMapping(prefix = "switchboard.kpi")
public interface KpiConfig {

    /** How late an event may arrive and still count in its 15-minute interval (after that: dead-letter topic). */
    @WithDefault("5m")
    Duration grace();

    /** How long minute buckets and the abandoned-call list are kept (history, exports). */
    @WithDefault("62d")
    Duration retention();

    /** How long a finished call is remembered, so a late duplicate of its events is still recognised. */
    @WithName("call-memory")
    @WithDefault("2h")
    Duration callMemory();

    /** How often KPI snapshots are published. */
    @WithName("snapshot-interval")
    @WithDefault("10s")
    Duration snapshotInterval();

    /** How often the failover policy looks at every region (it also looks at once when callers join a queue). */
    @WithName("evaluation-interval")
    @WithDefault("1s")
    Duration evaluationInterval();

    /** How often the Prometheus gauges are refreshed from the state stores. */
    @WithName("metrics-interval")
    @WithDefault("10s")
    Duration metricsInterval();

    /** Partitions of the internal topic that carries KPI contributions by region (the unit of parallelism). */
    @WithName("region-partitions")
    @WithDefault("3")
    int regionPartitions();

    /** Replication of kpi-service's own topic of operators' pins (3 on a production cluster). */
    @WithName("internal-topic-replication")
    @WithDefault("1")
    short internalTopicReplication();

    /** Queues whose answerers are clinicians: a transfer into one counts as a warm transfer to a clinician. */
    @WithName("clinician-queues")
    @WithDefault("clinician")
    Set<String> clinicianQueues();

    /** Policy thresholds for every region without its own. */
    Policy policy();

    /** Per-region overrides of any policy threshold, e.g. {@code switchboard.kpi.regions."north-west".engage-waiting}. */
    Map<String, RegionPolicy> regions();

    interface Policy {
        @WithName("engage-waiting")
        @WithDefault("20")
        int engageWaiting();

        @WithName("engage-longest-wait")
        @WithDefault("5m")
        Duration engageLongestWait();

        @WithName("engage-answered-share")
        @WithDefault("0.80")
        double engageAnsweredShare();

        @WithName("min-answered")
        @WithDefault("20")
        int minAnswered();

        @WithName("release-waiting")
        @WithDefault("5")
        int releaseWaiting();

        @WithName("release-longest-wait")
        @WithDefault("60s")
        Duration releaseLongestWait();

        @WithName("release-answered-share")
        @WithDefault("0.95")
        double releaseAnsweredShare();

        @WithName("hold-down")
        @WithDefault("15m")
        Duration holdDown();

        @WithName("max-hold-down")
        @WithDefault("2h")
        Duration maxHoldDown();
    }

    interface RegionPolicy {
        @WithName("engage-waiting")
        Optional<Integer> engageWaiting();

        @WithName("engage-longest-wait")
        Optional<Duration> engageLongestWait();

        @WithName("engage-answered-share")
        Optional<Double> engageAnsweredShare();

        @WithName("min-answered")
        Optional<Integer> minAnswered();

        @WithName("release-waiting")
        Optional<Integer> releaseWaiting();

        @WithName("release-longest-wait")
        Optional<Duration> releaseLongestWait();

        @WithName("release-answered-share")
        Optional<Double> releaseAnsweredShare();

        @WithName("hold-down")
        Optional<Duration> holdDown();

        @WithName("max-hold-down")
        Optional<Duration> maxHoldDown();
    }

    /** The thresholds of one region: its overrides over the defaults. Invalid combinations fail at start. */
    default Thresholds thresholdsFor(String region) {
        Policy d = policy();
        RegionPolicy r = regions().get(region);
        if (r == null) {
            return new Thresholds(d.engageWaiting(), d.engageLongestWait(), d.engageAnsweredShare(), d.minAnswered(),
                    d.releaseWaiting(), d.releaseLongestWait(), d.releaseAnsweredShare(), d.holdDown(),
                    d.maxHoldDown());
        }
        return new Thresholds(r.engageWaiting().orElse(d.engageWaiting()),
                r.engageLongestWait().orElse(d.engageLongestWait()),
                r.engageAnsweredShare().orElse(d.engageAnsweredShare()), r.minAnswered().orElse(d.minAnswered()),
                r.releaseWaiting().orElse(d.releaseWaiting()), r.releaseLongestWait().orElse(d.releaseLongestWait()),
                r.releaseAnsweredShare().orElse(d.releaseAnsweredShare()), r.holdDown().orElse(d.holdDown()),
                r.maxHoldDown().orElse(d.maxHoldDown()));
    }
}
