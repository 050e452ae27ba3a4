package io.switchboard.directory.index;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.model.ServiceRecord;
import io.switchboard.directory.search.GridIndex;
import io.switchboard.directory.store.DirectoryData;
import io.switchboard.directory.store.DirectoryReader;
import io.switchboard.directory.store.Jdbc;
import io.switchboard.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The in-memory directory, kept in step with PostgreSQL: loaded whole at start, loaded again whenever the
 * database's directory version moves (triggers bump it on every write to the directory's tables; this instance's
 * imports reload at once, other instances within {@code switchboard.directory.reload-interval}). Capacity is not
 * part of the snapshot: it lives in {@link CapacityBoard}, where a change applies to the very next search.
 */
@ApplicationScoped
public class DirectoryIndex {

    private static final Logger LOG = Logger.getLogger(DirectoryIndex.class);
    /** Capacity rows set up to this long before the last poll are read again, for transactions that commit late. */
    private static final Duration CAPACITY_POLL_OVERLAP = Duration.ofSeconds(60);

    private final Jdbc jdbc;
    private final CapacityBoard capacities;
    private final ReentrantLock reloading = new ReentrantLock();
    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private volatile DirectorySnapshot snapshot;
    private volatile Instant capacityPolledAt = Instant.EPOCH;

    DirectoryIndex(AgroalDataSource dataSource, CapacityBoard capacities, MeterRegistry metrics) {
        this.jdbc = Jdbc.of(dataSource);
        this.capacities = capacities;
        Gauge.builder("switchboard_directory_services", this, i -> i.snapshot == null ? 0 : i.snapshot.services().size())
                .description("Services in the in-memory directory").register(metrics);
        Gauge.builder("switchboard_directory_version", this, i -> i.snapshot == null ? 0 : i.snapshot.version())
                .description("Directory version of the in-memory index").register(metrics);
    }

    /** Loads the directory from the database now (blocking), unless a load is already running. */
    public void reload() {
        reloading.lock();
        try {
            long started = System.nanoTime();
            DirectoryData data = jdbc.with(DirectoryReader::readAll);
            capacities.applyAll(data.capacities());
            Map<String, ServiceRecord> byId = new HashMap<>(data.services().size() * 2);
            data.services().forEach(s -> byId.put(s.id(), s));
            long millis = (System.nanoTime() - started) / 1_000_000;
            snapshot = new DirectorySnapshot(data.version(), data.services(), Map.copyOf(byId),
                    new GridIndex(data.services(), capacities::get), data.reference(), data.readAt(), millis);
            firstLoad.countDown();
            LOG.infof("Directory version %d loaded: %d services in %d ms", data.version(), data.services().size(),
                    millis);
        } finally {
            reloading.unlock();
        }
    }

    @Scheduled(every = "${switchboard.directory.reload-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void keepInStep() {
        if (snapshot == null) {
            return;
        }
        try {
            long version = jdbc.with(DirectoryReader::version);
            if (version != snapshot.version()) {
                reload();
            }
            Instant polled = Instant.now();
            Map<String, CapacityState> changed = jdbc.with(c -> DirectoryReader.capacities(c,
                    capacityPolledAt.minus(CAPACITY_POLL_OVERLAP)));
            capacities.applyAll(changed);
            capacityPolledAt = polled;
        } catch (RuntimeException e) {
            LOG.warnf("Could not check the directory version: %s", e.getMessage());
        }
    }

    public boolean isReady() {
        return snapshot != null;
    }

    /** The current snapshot, or a 503 problem while the first load is still running. */
    public DirectorySnapshot current() {
        DirectorySnapshot current = snapshot;
        if (current == null) {
            throw ProblemException.unavailable("The directory is still loading", 10);
        }
        return current;
    }

    /** Waits for the first load (consumers must not decide outcomes on an empty directory). */
    public DirectorySnapshot awaitReady(Duration timeout) {
        try {
            if (!firstLoad.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the directory did not load within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the directory", e);
        }
        return snapshot;
    }

    public CapacityBoard capacities() {
        return capacities;
    }
}
