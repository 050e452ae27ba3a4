package io.switchboard.simulator;

import io.switchboard.amireplay.AmiMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ProviderModel}: either as fast as possible ({@link #runToEnd()}, for statistics and tests), or on
 * its own thread against the wall clock at a speed factor ({@link #start(double)}: at 60, one virtual minute per real
 * second). Every rendered AMI event goes to the listeners, in order, on the thread that advanced the model.
 *
 * <p>Outside callers (AMI actions) reach the model through {@link #withModel}: the model is first brought up to the
 * current virtual time, so an action takes effect at the virtual moment it arrives. The model is only ever touched
 * under this object's lock.
 */
public final class Simulation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    private final SimulationConfig config;
    private final GroundTruth truth = new GroundTruth();
    private final ProviderModel model;
    private final List<Consumer<AmiMessage>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch startedLatch = new CountDownLatch(1);
    private volatile double speed = Double.NaN;
    private volatile long wallStartNanos;
    private volatile double virtualAtStart;
    private volatile boolean closed;
    private Thread pacer;

    /** A simulation that renders AMI events (to its listeners). */
    public Simulation(SimulationConfig config) {
        this(config, true);
    }

    private Simulation(SimulationConfig config, boolean render) {
        this.config = config;
        this.model = new ProviderModel(config, truth, render ? this::publish : null);
    }

    /** A simulation that renders nothing (faster): for statistics over long periods. */
    public static Simulation withoutAmi(SimulationConfig config) {
        return new Simulation(config, false);
    }

    public SimulationConfig config() {
        return config;
    }

    public GroundTruth groundTruth() {
        return truth;
    }

    /** Receives every AMI event in order, under the simulation's lock: keep it quick (queue the message). */
    public void addListener(Consumer<AmiMessage> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<AmiMessage> listener) {
        listeners.remove(listener);
    }

    private void publish(AmiMessage message) {
        for (Consumer<AmiMessage> listener : listeners) {
            listener.accept(message);
        }
    }

    /** Runs the whole simulation as fast as possible: arrivals until the end, then every call to its end. */
    public void runToEnd() {
        lock.lock();
        try {
            while (true) {
                double next = model.nextEventTime();
                if (next == Double.POSITIVE_INFINITY || (next > model.end() && model.finished())) {
                    model.advanceTo(Math.max(model.now(), model.end()));
                    break;
                }
                model.advanceTo(next);
            }
        } finally {
            lock.unlock();
        }
        finished.countDown();
    }

    /** Runs as fast as possible up to virtual second {@code t}. */
    public void runUntil(double t) {
        lock.lock();
        try {
            model.advanceTo(t);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the virtual clock on its own thread: {@code speed} virtual seconds per real second (1 is real time;
     * {@link Double#POSITIVE_INFINITY} runs without waiting). Does nothing if already started.
     */
    public void start(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0: " + speed);
        }
        lock.lock();
        try {
            if (pacer != null || closed) {
                return;
            }
            this.virtualAtStart = model.now();
            this.wallStartNanos = System.nanoTime();
            this.speed = speed;
            pacer = new Thread(this::pace, "simulation-clock");
            pacer.setDaemon(true);
            pacer.start();
            startedLatch.countDown();
        } finally {
            lock.unlock();
        }
        LOG.info("virtual clock started at x{} ({} to {})", speed, config.start, config.start.plus(config.duration));
    }

    public boolean started() {
        return startedLatch.getCount() == 0;
    }

    /** The virtual time the clock shows now (the model may lag it by moments). */
    public double virtualNow() {
        double s = speed;
        if (Double.isNaN(s)) {
            return model.now();
        }
        if (Double.isInfinite(s)) {
            return Double.POSITIVE_INFINITY;
        }
        return virtualAtStart + (System.nanoTime() - wallStartNanos) / 1e9 * s;
    }

    private void pace() {
        lock.lock();
        try {
            while (!closed) {
                double target = Double.isInfinite(speed) ? model.nextEventTime() : virtualNow();
                if (target == Double.POSITIVE_INFINITY) {
                    target = Math.max(model.now(), model.end());
                }
                model.advanceTo(target);
                if (model.finished()) {
                    finished.countDown();
                }
                double next = model.nextEventTime();
                long waitNanos;
                if (Double.isInfinite(speed)) {
                    waitNanos = next == Double.POSITIVE_INFINITY ? TimeUnit.SECONDS.toNanos(1) : 0;
                } else if (next == Double.POSITIVE_INFINITY) {
                    waitNanos = TimeUnit.SECONDS.toNanos(1);
                } else {
                    waitNanos = (long) ((next - virtualNow()) / speed * 1e9);
                }
                if (waitNanos > 0) {
                    wake.awaitNanos(Math.min(waitNanos, TimeUnit.SECONDS.toNanos(1)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the simulation failed", e);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code action} on the model at the current virtual time, under the lock (for AMI actions and tests).
     * Before the clock starts, the model stays at its current time.
     */
    public <T> T withModel(Function<ProviderModel, T> action) {
        lock.lock();
        try {
            if (started() && !Double.isInfinite(speed)) {
                model.advanceTo(virtualNow());
            }
            T result = action.apply(model);
            wake.signalAll();
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Reads the model under the lock without moving its clock. */
    public <T> T peek(Function<ProviderModel, T> read) {
        lock.lock();
        try {
            return read.apply(model);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the simulation's lock without moving the clock (ordering with the event stream). */
    public void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Whether every call has arrived and ended. */
    public boolean finished() {
        return finished.getCount() == 0;
    }

    /** Waits for the end of the simulation (real time); false on timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        Thread thread;
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
            thread = pacer;
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            thread.interrupt();
        }
        truth.close();
    }
}
