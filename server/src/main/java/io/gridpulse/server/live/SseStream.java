package io.gridpulse.server.live;

import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One browser's live stream. The ingesting thread only queues frames; the push thread writes them
 * through the servlet's non-blocking output, several queued frames in one write. Nobody waits for a
 * slow browser: when the socket is full the container calls back once it drains, and a client that
 * falls more than {@link #CAPACITY} frames behind is dropped and reconnects by itself (EventSource),
 * rather than slowing ingest or growing memory.
 */
final class SseStream implements LiveHub.Subscriber, WriteListener {
    static final int CAPACITY = 10_000;

    private final ServletOutputStream out;
    private final Executor pushThread;
    private final Function<MeterEvent, byte[]> alertFrame;
    private final Consumer<SseStream> onEnd;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AtomicBoolean endOnce = new AtomicBoolean();
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>(); // the fields below: guarded by this
    private boolean drainScheduled;
    private boolean flushNeeded;
    private boolean closed;
    private volatile boolean lagged;

    SseStream(ServletOutputStream out, Executor pushThread, Function<MeterEvent, byte[]> alertFrame, Consumer<SseStream> onEnd) {
        this.out = out;
        this.pushThread = pushThread;
        this.alertFrame = alertFrame;
        this.onEnd = onEnd;
    }

    /** True if the stream was dropped because its client fell too far behind. */
    boolean lagged() {
        return lagged;
    }

    /** Completes when the stream has ended, for whatever reason. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void readings(List<Reading> readings) {
        for (Reading r : readings) {
            send(SseFrames.reading(r));
        }
    }

    @Override
    public void event(MeterEvent event) {
        send(alertFrame.apply(event));
    }

    void send(byte[] frame) {
        boolean tooSlow;
        synchronized (this) {
            if (closed) {
                return;
            }
            tooSlow = pending.size() >= CAPACITY;
            if (tooSlow) {
                closed = true;
                lagged = true;
                pending.clear();
            } else {
                pending.add(frame);
                if (drainScheduled) {
                    return;
                }
                drainScheduled = true;
            }
        }
        onPushThread(tooSlow ? this::end : this::drain); // dropping it runs there too, not on the caller's thread
    }

    /** The container's call once a write that could not finish at once has finished. */
    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable t) {
        end();
    }

    /** Writes while the output accepts without blocking; what is left waits for {@link #onWritePossible}. */
    private void drain() {
        synchronized (this) {
            drainScheduled = false;
            try {
                while (!closed && out.isReady()) {
                    if (!pending.isEmpty()) {
                        out.write(takePending());
                        flushNeeded = true;
                    } else if (flushNeeded) {
                        flushNeeded = false;
                        out.flush();
                    } else {
                        return;
                    }
                }
                if (!closed) {
                    return;
                }
            } catch (IOException | IllegalStateException e) {
                closed = true; // the browser left
            }
        }
        end();
    }

    private byte[] takePending() {
        if (pending.size() == 1) {
            return pending.poll();
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] frame; (frame = pending.poll()) != null; ) {
            all.writeBytes(frame);
        }
        return all.toByteArray();
    }

    /** Once only: unsubscribes, then lets the container finish the response. */
    void end() {
        synchronized (this) {
            closed = true;
            pending.clear();
        }
        if (endOnce.compareAndSet(false, true)) {
            onEnd.accept(this);
            ended.complete(null);
        }
    }

    private void onPushThread(Runnable task) {
        try {
            pushThread.execute(task);
        } catch (RejectedExecutionException e) {
            end(); // the server is stopping
        }
    }
}
