package io.switchboard.bench;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.EventJson;
import io.switchboard.kpi.model.GroupKey;
import io.switchboard.kpi.model.KpiBuckets;
import io.switchboard.kpi.model.KpiCounts;
import io.switchboard.kpi.policy.Thresholds;
import io.switchboard.kpi.streams.ReplayHarness;
import io.switchboard.kpi.streams.TopologySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Replay throughput of the KPI topology over a synthetic record week, checked against {@link ReferenceKpis}. The
 * same generator feeds three runs in one process: the generator alone (its cost is subtracted), the reference
 * computation, and the topology ({@link ReplayHarness}: the real processors and state stores, no broker).
 */
public final class KpiReplayBenchmark {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        long calls = 706_129;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--calls" -> calls = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long seed = 2022_12_11L;
        System.out.printf("KPI replay benchmark: synthetic week of %,d calls (seed %d), %d CPUs%n", calls, seed,
                Runtime.getRuntime().availableProcessors());

        AtomicLong count = new AtomicLong();
        new SyntheticWeek(calls, seed).generate(e -> EventJson.toBytes(e)); // warm-up: the JIT, not the figure
        long t0 = System.nanoTime();
        new SyntheticWeek(calls, seed).generate(e -> {
            EventJson.toBytes(e);
            count.incrementAndGet();
        });
        double generate = (System.nanoTime() - t0) / 1e9;
        long events = count.get();
        System.out.printf("  events: %,d (%.1f per call); generating and serialising them: %.1f s%n", events,
                (double) events / calls, generate);

        ReferenceKpis reference = new ReferenceKpis();
        t0 = System.nanoTime();
        new SyntheticWeek(calls, seed).generate(e -> {
            EventJson.toBytes(e);
            reference.accept(e);
        });
        double referenceSeconds = (System.nanoTime() - t0) / 1e9 - generate;
        System.out.printf("  reference computation:  %,10.0f events/s (%.1f s net)%n", events / referenceSeconds,
                referenceSeconds);

        Path stateDir = Files.createTempDirectory(Files.createDirectories(root.resolve("bench/target")), "kpi-replay-");
        Thresholds thresholds = new Thresholds(1_000_000, Duration.ofDays(1), 0.0, Integer.MAX_VALUE, 0,
                Duration.ofHours(1), 0.5, Duration.ZERO, Duration.ZERO);
        TopologySettings settings = new TopologySettings(Duration.ofMinutes(5), Duration.ofDays(62),
                Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofSeconds(1), Set.of("clinician"),
                r -> thresholds, 1);
        try (ReplayHarness topology = new ReplayHarness(settings, stateDir)) {
            t0 = System.nanoTime();
            new SyntheticWeek(calls, seed).generate(e -> topology.process(e.callId(), EventJson.toBytes(e),
                    e.occurredAt().toEpochMilli()));
            double topologySeconds = (System.nanoTime() - t0) / 1e9 - generate;
            double rate = events / topologySeconds;
            System.out.printf("  KPI topology:           %,10.0f events/s (%.1f s net)%n", rate, topologySeconds);

            KeyValueStore<String, KpiCounts> minutes = topology.minutes();
            int compared = 0;
            int different = 0;
            for (Map.Entry<String, ReferenceKpis.Counts> expected : reference.results().entrySet()) {
                String[] groupAndDay = expected.getKey().split("\\|");
                String[] g = groupAndDay[0].split("/");
                LocalDate day = LocalDate.parse(groupAndDay[1]);
                long from = day.atStartOfDay(ReferenceKpis.UK).toInstant().toEpochMilli();
                long to = day.plusDays(1).atStartOfDay(ReferenceKpis.UK).toInstant().toEpochMilli() - 1;
                KpiCounts actual = KpiBuckets.sum(minutes, new GroupKey(g[0], g[1], g[2]), from, to);
                ReferenceKpis.Counts got = new ReferenceKpis.Counts();
                got.offered = actual.offered;
                got.answered = actual.answered;
                got.answeredWithin60s = actual.answeredWithin60s;
                got.waitSum = (long) actual.answeredWaitSeconds;
                got.abandonedUpTo30s = actual.abandonedUpTo30s;
                got.abandoned30To60s = actual.abandoned30To60s;
                got.abandonedOver60s = actual.abandonedOver60s;
                got.timedOut = actual.timedOut;
                got.contingencyRouted = actual.contingencyRouted;
                got.transferredToClinician = actual.transferredToClinician;
                compared++;
                if (!got.equals(expected.getValue())) {
                    different++;
                    if (different <= 5) {
                        System.out.printf("    DIFFERENT %s%n      reference %s%n      topology  %s%n",
                                expected.getKey(), expected.getValue(), got);
                    }
                }
            }
            System.out.printf("  results: %d group-days compared, %d different: %s%n", compared, different,
                    different == 0 ? "IDENTICAL" : "MISMATCH");
            System.out.printf("  ratio topology / reference: %.2f; target >= 150,000 events/s: %s%n",
                    rate / (events / referenceSeconds), rate >= 150_000 ? "MET" : "NOT MET");
        }
    }
}
