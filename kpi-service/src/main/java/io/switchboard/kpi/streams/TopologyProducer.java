package io.switchboard.kpi.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.switchboard.kpi.config.KpiConfig;
import io.switchboard.tracing.KafkaTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Quarkus starts Kafka Streams with this topology (see application.properties for exactly-once and state). */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology kpiTopology(KpiConfig config, MeterRegistry metrics, OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
        config.thresholdsFor("default"); // invalid thresholds fail the start, not the first decision
        config.regions().keySet().forEach(config::thresholdsFor);
        PipelineCounters counters = new PipelineCounters() {
            @Override
            public void late() {
                metrics.counter("switchboard_kpi_late_events_total").increment();
            }

            @Override
            public void duplicate() {
                metrics.counter("switchboard_kpi_duplicate_events_total").increment();
            }

            @Override
            public void unreadable() {
                metrics.counter("switchboard_kpi_unreadable_events_total").increment();
            }

            @Override
            public void decision(String region, boolean engage) {
                metrics.counter("switchboard_contingency_decisions_total", "region", region, "action",
                        engage ? "engage" : "release", "issued_by", "policy").increment();
            }
        };
        return KpiTopology.build(TopologySettings.from(config, config.regionPartitions()), counters,
                KafkaTracing.tracer(openTelemetry, tracingOff));
    }
}
