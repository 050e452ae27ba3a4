package io.switchboard.callingest.ami;

import io.switchboard.callingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off between the thread reading the PBX's socket and the thread that builds lifecycles. Bounded: when it
 * is full, {@link #put} waits, so the socket is read more slowly and TCP pushes back on the PBX; nothing is dropped.
 */
@ApplicationScoped
public class InboundQueue {

    private final BlockingQueue<Inbound> queue;

    InboundQueue(IngestConfig config) {
        this.queue = new ArrayBlockingQueue<>(config.ami().queueCapacity());
    }

    public void put(Inbound item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over an AMI message", e);
        }
    }

    /** The next item, or null after the timeout. */
    public Inbound poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    public int size() {
        return queue.size();
    }

    public int remainingCapacity() {
        return queue.remainingCapacity();
    }
}
