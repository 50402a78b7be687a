package io.gridpulse.server.mqtt;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds the MQTT publishes that are decoded but not yet stored, across all connections.
 *
 * <p>A connection takes one permit per publish; the {@link StoreBatcher} gives it back once the
 * publish is stored. A connection that finds no permit stops reading its socket and parks here
 * (never blocking its event loop); each release wakes the parked connections to try again. While
 * a connection does not read, its client's in-flight window fills and the publisher slows down,
 * so overload becomes latency instead of memory.
 */
final class PublishGate {
    private final Semaphore permits;
    private final Queue<Runnable> parked = new ConcurrentLinkedQueue<>();
    private final LongAdder waits = new LongAdder();

    PublishGate(int maxPendingMessages) {
        this.permits = new Semaphore(maxPendingMessages);
    }

    /** Takes one permit if one is free now. */
    boolean tryEnter() {
        return permits.tryAcquire();
    }

    /** Takes one permit, waiting for it (for a thread that may block, e.g. an MQTT client's delivery thread). */
    void enter() throws InterruptedException {
        permits.acquire();
    }

    /** Runs {@code retry} (once) after the next release; the caller found the gate full. */
    void park(Runnable retry) {
        waits.increment();
        parked.add(retry);
        if (permits.availablePermits() > 0) {
            wakeParked(); // a release may have happened between the failed tryEnter and add
        }
    }

    void leave(int messages) {
        permits.release(messages);
        wakeParked();
    }

    private void wakeParked() {
        for (Runnable retry; (retry = parked.poll()) != null; ) {
            retry.run();
        }
    }

    /** Publishes that had to wait for the store. */
    long waits() {
        return waits.sum();
    }
}
