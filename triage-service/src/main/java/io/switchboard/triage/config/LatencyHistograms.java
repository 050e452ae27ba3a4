package io.switchboard.triage.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Server-side latency of every endpoint as a Prometheus histogram ({@code http_server_requests_seconds_bucket}) with
 * fixed bounds around the 5 ms objective of the answer step, so operators can alert on "share of answers within
 * 5 ms" and the benchmark can tell server time from client and network time.
 */
@Singleton
public class LatencyHistograms {

    static final double[] BOUNDS_MS = {1, 2, 3, 4, 5, 7.5, 10, 15, 20, 25, 50, 100, 250, 1000};

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName())) {
                    return config;
                }
                double[] nanos = new double[BOUNDS_MS.length];
                for (int i = 0; i < nanos.length; i++) {
                    nanos[i] = Duration.ofNanos((long) (BOUNDS_MS[i] * 1_000_000)).toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
