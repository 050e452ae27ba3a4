package io.switchboard.kpi.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.events.KpiSnapshotEvent;
import io.switchboard.events.KpiWindow;
import io.switchboard.kpi.model.GroupKey;
import io.switchboard.kpi.query.KpiQueries;
import io.switchboard.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the KPIs as Prometheus gauges (labels provider, region, queue, window) and each region's contingency
 * state, refreshed from the state stores on a schedule so a scrape never waits on Kafka Streams.
 */
@ApplicationScoped
public class KpiMetrics {

    private static final Map<KpiWindow, String> WINDOWS = Map.of(KpiWindow.ROLLING_15M, "rolling-15m",
            KpiWindow.FIXED_15M, "current-15m", KpiWindow.HOURLY, "current-hour", KpiWindow.DAILY, "current-day");

    private final MeterRegistry registry;
    private final KpiQueries queries;
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    KpiMetrics(MeterRegistry registry, KpiQueries queries) {
        this.registry = registry;
        this.queries = queries;
    }

    @Scheduled(every = "${switchboard.kpi.metrics-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            long now = System.currentTimeMillis();
            for (GroupKey group : queries.groups(g -> true)) {
                Tags groupTags = Tags.of("provider", group.provider(), "region", group.region(), "queue", group.queue());
                for (Map.Entry<KpiWindow, String> window : WINDOWS.entrySet()) {
                    KpiSnapshotEvent.Figures f = queries.figures(group, window.getKey(), now, now).figures();
                    Tags tags = groupTags.and("window", window.getValue());
                    set("switchboard_kpi_offered", tags, (double) f.offered());
                    set("switchboard_kpi_answered", tags, (double) f.answered());
                    set("switchboard_kpi_answered_within_60s", tags, (double) f.answeredWithin60s());
                    set("switchboard_kpi_answered_within_60s_ratio", tags, f.answeredWithin60sShare());
                    set("switchboard_kpi_abandoned", tags, (double) f.abandoned());
                    set("switchboard_kpi_abandoned_after_30s", tags, (double) f.abandonedAfter30s());
                    set("switchboard_kpi_abandoned_after_30s_ratio", tags, f.abandonedAfter30sShare());
                    set("switchboard_kpi_abandoned_by_wait", tags.and("bucket", "up-to-30s"), (double) f.abandonedUpTo30s());
                    set("switchboard_kpi_abandoned_by_wait", tags.and("bucket", "30-60s"), (double) f.abandoned30To60s());
                    set("switchboard_kpi_abandoned_by_wait", tags.and("bucket", "over-60s"), (double) f.abandonedOver60s());
                    set("switchboard_kpi_average_speed_of_answer_seconds", tags, f.averageSpeedOfAnswerSeconds());
                    set("switchboard_kpi_timed_out", tags, (double) f.timedOut());
                    set("switchboard_kpi_contingency_routed", tags, (double) f.contingencyRouted());
                    set("switchboard_kpi_transferred_to_clinician", tags, (double) f.transferredToClinician());
                    if (window.getKey() == KpiWindow.ROLLING_15M) {
                        set("switchboard_kpi_waiting_now", groupTags, (double) f.waitingNow());
                        set("switchboard_kpi_longest_wait_seconds", groupTags,
                                f.longestWaitSeconds() == null ? 0.0 : f.longestWaitSeconds());
                    }
                }
            }
            queries.routing().forEach((region, state) -> {
                set("switchboard_contingency_engaged", Tags.of("region", region), state.engaged() ? 1.0 : 0.0);
                set("switchboard_contingency_pinned", Tags.of("region", region), state.pinned() ? 1.0 : 0.0);
            });
        } catch (ProblemException rebuilding) {
            // State is being rebuilt: keep the last values until it is back.
        }
    }

    private void set(String name, Tags tags, Double value) {
        String key = name + tags;
        values.computeIfAbsent(key, k -> {
            AtomicReference<Double> holder = new AtomicReference<>();
            Gauge.builder(name, holder, h -> h.get() == null ? Double.NaN : h.get()).tags(tags).register(registry);
            return holder;
        }).set(value);
    }
}
