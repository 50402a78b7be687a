package io.gridpulse.server.mqtt;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.pipeline.IngestPipeline;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores parsed MQTT publishes in batches and only then lets them be acknowledged: writer
 * threads take whatever has queued up (at most {@link #MAX_MESSAGES_PER_WRITE}), write it through
 * {@link IngestPipeline#ingestAllWaiting} — many meters, one fsync — and hand each publisher
 * its stored publishes for PUBACK. The queue never holds more than the {@link PublishGate}
 * allows; each publish's permit is returned once it is stored (or has failed).
 */
final class StoreBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreBatcher.class);
    static final int MAX_MESSAGES_PER_WRITE = 8_192;
    private static final int WRITERS = 2;

    /** Where a stored (or failed) publish is reported; called on a writer thread. */
    interface Publisher {
        void stored(List<Message> messages);

        void storeFailed(List<Message> messages);
    }

    /** One publish: its readings and what its PUBACK needs. */
    record Message(MeterRef meter, List<Reading> readings, Publisher from, int qos, int packetId) {}

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

    /** Queues a parsed publish that holds a gate permit, so there is always room. */
    void submit(Message message) {
        if (!queue.offer(message)) {
            throw new IllegalStateException("MQTT store queue fuller than the publish gate allows");
        }
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
                gate.leave(batch.size());
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
            List<Reading> readings = byMeter.putIfAbsent(m.meter(), m.readings());
            if (readings != null) { // a second publish of the same meter in this batch
                List<Reading> merged = new ArrayList<>(readings);
                merged.addAll(m.readings());
                byMeter.put(m.meter(), merged);
            }
        }
        try {
            onAccepted.accept(pipeline.ingestAllWaiting(byMeter));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(batch, e);
            return;
        } catch (RuntimeException e) { // GridPulseException (e.g. disk full) or a bug: never kill the writer
            failed(batch, e);
            return;
        }
        byPublisher(batch).forEach(Publisher::stored);
    }

    private void failed(List<Message> batch, Exception e) {
        LOG.error("MQTT: storing {} publishes failed; not acknowledged, their connections are closed so clients resend",
                batch.size(), e);
        batch.forEach(m -> onFailedMessage.run());
        byPublisher(batch).forEach(Publisher::storeFailed);
    }

    private static Map<Publisher, List<Message>> byPublisher(List<Message> batch) {
        Map<Publisher, List<Message>> out = new IdentityHashMap<>();
        for (Message m : batch) {
            out.computeIfAbsent(m.from(), k -> new ArrayList<>()).add(m);
        }
        return out;
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
