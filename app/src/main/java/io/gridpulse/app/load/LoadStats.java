package io.gridpulse.app.load;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Counters of one load run, shared by all sender threads. Latencies in microseconds. */
public final class LoadStats {
    private static final long MAX_LATENCY_US = 600_000_000L;

    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final AtomicIntegerArray acknowledgedPerMeter;
    private final ConcurrentHistogram ackLatencyUs = new ConcurrentHistogram(MAX_LATENCY_US, 3);
    private volatile long behindScheduleMs;
    private volatile long lastAckMs;

    public LoadStats(int meters) {
        this.acknowledgedPerMeter = new AtomicIntegerArray(meters);
    }

    void recordSent(int readings) {
        sent.add(readings);
    }

    /** One reading of {@code meterIndex} acknowledged after {@code latencyNanos}. */
    void recordAcknowledged(int meterIndex, long latencyNanos) {
        acknowledged.increment();
        lastAckMs = System.currentTimeMillis();
        acknowledgedPerMeter.incrementAndGet(meterIndex);
        ackLatencyUs.recordValue(Math.min(MAX_LATENCY_US, Math.max(0, latencyNanos / 1_000)));
    }

    /** Readings given up on (error answer or publish failure); they are not acknowledged. */
    void recordFailed(int readings) {
        failed.add(readings);
    }

    /** A refused request (429) or full in-flight window that was tried again. */
    void recordRetry() {
        retried.increment();
    }

    void recordBehindScheduleMs(long ms) {
        behindScheduleMs = ms;
    }

    public long sent() {
        return sent.sum();
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long retried() {
        return retried.sum();
    }

    /** Wall-clock time of the latest acknowledgement (epoch ms), 0 if none. */
    public long lastAckMs() {
        return lastAckMs;
    }

    public long behindScheduleMs() {
        return behindScheduleMs;
    }

    public int acknowledgedFor(int meterIndex) {
        return acknowledgedPerMeter.get(meterIndex);
    }

    /** Forgets the latencies so far (after the warm-up that registers the meters). */
    void resetLatencies() {
        ackLatencyUs.reset();
    }

    public Histogram latencySnapshotUs() {
        return ackLatencyUs.copy();
    }
}
