package io.gridpulse.server.mqtt;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds the MQTT publishes between Moquette's session loop and our store write.
 *
 * <p>Moquette 0.17 runs the authoriser's {@code canWrite} on the session loop, sends PUBACK, and
 * only then hands the message to the interceptor pool through an unbounded queue. Taking a permit
 * in {@code canWrite} (released after the store write) makes that queue bounded: at the limit the
 * session loop waits, PUBACKs stop, and each client's in-flight window fills, so publishers slow
 * down instead of the broker buffering without end. A publish that waits longer than the timeout
 * is refused (dropped unacknowledged, so the client resends it); nothing acknowledged is dropped.
 */
final class PublishGate {
    private final Semaphore permits;
    private final long maxWaitMs;
    private final LongAdder waits = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    PublishGate(int maxPendingMessages, long maxWaitMs) {
        this.permits = new Semaphore(maxPendingMessages);
        this.maxWaitMs = maxWaitMs;
    }

    /** Takes one permit, waiting while the store is behind; false after the timeout. */
    boolean enter() {
        if (permits.tryAcquire()) {
            return true;
        }
        waits.increment();
        try {
            if (permits.tryAcquire(maxWaitMs, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timeouts.increment();
        return false;
    }

    void leave() {
        permits.release();
    }

    /** Publishes that had to wait for the store. */
    long waits() {
        return waits.sum();
    }

    /** Publishes refused because the store stayed behind longer than the timeout. */
    long timeouts() {
        return timeouts.sum();
    }
}
