package io.gridpulse.server.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.javalin.http.Context;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's live streams ({@code GET …/live}). All of them are written by one push thread
 * through non-blocking outputs: a second's readings for a thousand watched meters are a thousand
 * small writes on that thread, not a thousand threads woken to write one line each, which is what
 * set the push latency before (docs/benchmarks.md § 6).
 */
public final class LiveStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);
    private static final long KEEPALIVE_MS = 15_000;

    private final LiveHub hub;
    private final ObjectMapper json;
    private final ScheduledExecutorService pushThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-push");
        t.setDaemon(true);
        return t;
    });
    private final Set<SseStream> open = ConcurrentHashMap.newKeySet();
    private final LongAdder dropped = new LongAdder();

    public LiveStreams(LiveHub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
        pushThread.scheduleAtFixedRate(() -> open.forEach(s -> s.send(SseFrames.KEEPALIVE)), KEEPALIVE_MS, KEEPALIVE_MS,
                TimeUnit.MILLISECONDS);
    }

    /** Answers with an event stream of the meter's readings and alerts that stays open until the client leaves. */
    public void serve(Context ctx, MeterRef meter) {
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream;charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no"); // or nginx holds the events back
        ctx.future(() -> {
            SseStream stream = new SseStream(output(res), pushThread, e -> SseFrames.alert(e, json), s -> {
                hub.unsubscribe(meter, s);
                open.remove(s);
                if (s.lagged()) {
                    dropped.increment();
                    LOG.info("live stream of {} dropped: its client fell {} events behind (it reconnects by itself)",
                            meter, SseStream.CAPACITY);
                }
            });
            ctx.req().getAsyncContext().setTimeout(0);
            ctx.req().getAsyncContext().addListener(endsOn(stream));
            output(res).setWriteListener(stream); // from here on, every write is non-blocking
            open.add(stream);
            hub.subscribe(meter, stream);
            stream.send(SseFrames.comment("connected to " + meter.meter()));
            return stream.ended();
        });
    }

    /** Streams dropped so far because their clients fell too far behind. */
    public long droppedTotal() {
        return dropped.sum();
    }

    @Override
    public void close() {
        open.forEach(SseStream::end);
        pushThread.shutdownNow();
    }

    private static ServletOutputStream output(HttpServletResponse res) {
        try {
            return res.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The container's word that the connection is gone (closed, failed or shut down). */
    private static AsyncListener endsOn(SseStream stream) {
        return new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                stream.end();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                stream.end();
            }

            @Override
            public void onError(AsyncEvent event) {
                stream.end();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {}
        };
    }
}
