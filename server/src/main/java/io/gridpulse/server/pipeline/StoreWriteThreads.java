package io.gridpulse.server.pipeline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs store writes of virtual threads (HTTP requests) on platform threads. A durable write waits
 * for the fsync inside RocksDB's native code, and a virtual thread in native code keeps its carrier:
 * with as many carriers as cores (2 here), two waiting writes stopped every other request, and
 * RocksDB's group commit never grouped more than two writers per fsync. A platform thread that
 * waits blocks only itself, so all requests in flight can share one fsync.
 *
 * <p>Platform threads (MQTT, importers) run their writes themselves. Threads are made on demand
 * and end after a minute idle; the pipeline's admission limit bounds the work queued here.
 */
final class StoreWriteThreads {
    /** Writes waiting for an fsync at once; more in flight queue here (one fsync serves a group). */
    static final int MAX_THREADS = 32;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "gridpulse-store-write-" + NAMES.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    StoreWriteThreads() {
        threads.allowCoreThreadTimeOut(true);
    }

    /**
     * The write's result, computed on a platform thread when the caller is virtual. Waits for it
     * even when interrupted (as the native write itself would), so an answer always means the
     * write is done; exceptions reach the caller unchanged.
     */
    <T> T call(Supplier<T> write) {
        if (!Thread.currentThread().isVirtual()) {
            return write.get();
        }
        Future<T> result = threads.submit(write::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(cause); // a Supplier throws nothing checked
    }
}
