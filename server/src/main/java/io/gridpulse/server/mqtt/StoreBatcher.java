package io.gridpulse.server.mqtt;

import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.pipeline.IngestPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores parsed MQTT publishes in batches: writer threads take whatever has queued up (at most
 * {@link #MAX_MESSAGES_PER_WRITE}) and write it through {@link IngestPipeline#ingestAllWaiting}
 * — many meters, one fsync — instead of one fsync per message. The queue is bounded and never
 * fuller than the {@link PublishGate} allows; each message's gate permit is released once it is
 * stored (or refused).
 */
final class StoreBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreBatcher.class);
    static final int MAX_MESSAGES_PER_WRITE = 4_096;
    private static final int WRITERS = 2;

    record Message(MeterRef meter, List<Reading> readings) {}

    private final IngestPipeline pipeline;
    private final PublishGate gate;
    private final LongConsumer onAccepted;
    private final Runnable onFailedMessage;
    private final BlockingQueue<Message> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    StoreBatcher(IngestPipeline pipeline, PublishGate gate, int capacity, LongConsumer onAccepted, Runnable onFailedMessage) {
        this.pipeline = pipeline;
        this.gate = gate;
        this.onAccepted = onAccepted;
        this.onFailedMessage = onFailedMessage;
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < WRITERS; i++) {
            writers.add(Thread.ofPlatform().daemon().name("mqtt-store-" + i).start(this::writeLoop));
        }
    }

    /** Queues a parsed message; its gate permit now belongs to the batcher. */
    void submit(Message message) throws InterruptedException {
        queue.put(message);
    }

    private void writeLoop() {
        List<Message> batch = new ArrayList<>(MAX_MESSAGES_PER_WRITE);
        while (!closed || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_MESSAGES_PER_WRITE - 1);
                store(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    queue.drainTo(batch);
                    store(batch);
                    return;
                }
            } finally {
                batch.forEach(m -> gate.leave());
                batch.clear();
            }
        }
    }

    private void store(List<Message> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<MeterRef, List<Reading>> byMeter = new LinkedHashMap<>();
        for (Message m : batch) {
            byMeter.computeIfAbsent(m.meter(), k -> new ArrayList<>()).addAll(m.readings());
        }
        try {
            onAccepted.accept(pipeline.ingestAllWaiting(byMeter));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(batch, e);
        } catch (GridPulseException | IllegalStateException e) {
            failed(batch, e);
        }
    }

    private void failed(List<Message> batch, Exception e) {
        LOG.error("MQTT: storing {} acknowledged messages failed; they are lost", batch.size(), e);
        batch.forEach(m -> onFailedMessage.run());
    }

    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        for (Thread t : writers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
