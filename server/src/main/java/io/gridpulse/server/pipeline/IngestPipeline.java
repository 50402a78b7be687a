package io.gridpulse.server.pipeline;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.store.AppendResult;
import io.gridpulse.store.ReadingStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one write path shared by every protocol (HTTP, MQTT, importers, simulator): register the
 * meter on first write, store durably, then fan out to live subscribers. Parsing and auth happen
 * before; nothing reaches subscribers before it is on disk.
 */
public final class IngestPipeline {
    private final ReadingStore store;
    private final LiveHub live;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rejectedBatches = new LongAdder();
    private final List<BiConsumer<MeterRef, List<Reading>>> listeners = new CopyOnWriteArrayList<>();
    private final Map<MeterRef, MeterQuality> quality = new ConcurrentHashMap<>();
    private final Clock clock;
    private final IngestAdmission admission;
    private final StoreWriteThreads writeThreads = new StoreWriteThreads();

    public IngestPipeline(ReadingStore store, LiveHub live, Clock clock) {
        this(store, live, clock, new IngestAdmission(IngestAdmission.DEFAULT_MAX_IN_FLIGHT_READINGS));
    }

    public IngestPipeline(ReadingStore store, LiveHub live, Clock clock, IngestAdmission admission) {
        this.store = store;
        this.live = live;
        this.clock = clock;
        this.admission = admission;
    }

    /**
     * Stores one meter's batch if the admission limit allows it now.
     *
     * @throws io.gridpulse.core.OverloadedException at capacity (nothing stored; retry later)
     */
    public AppendResult ingest(MeterRef meter, List<Reading> readings) {
        try (IngestAdmission.Ticket admitted = admission.tryEnter(readings.size())) {
            return store(meter, readings);
        }
    }

    /**
     * Stores several meters' batches with one durable write, admitted as a whole: at capacity
     * nothing is stored.
     *
     * @return readings stored (not duplicates)
     * @throws io.gridpulse.core.OverloadedException at capacity
     */
    public long ingestAll(Map<MeterRef, List<Reading>> readingsByMeter) {
        int total = readingsByMeter.values().stream().mapToInt(List::size).sum();
        try (IngestAdmission.Ticket admitted = admission.tryEnter(total)) {
            return storeAll(readingsByMeter);
        }
    }

    /** As {@link #ingestAll}, but waits for admission (streaming protocols: slows the publisher). */
    public long ingestAllWaiting(Map<MeterRef, List<Reading>> readingsByMeter) throws InterruptedException {
        int total = readingsByMeter.values().stream().mapToInt(List::size).sum();
        try (IngestAdmission.Ticket admitted = admission.enterWaiting(total)) {
            return storeAll(readingsByMeter);
        }
    }

    /** Stores one meter's batch, waiting for admission (streaming protocols: slows the publisher). */
    public AppendResult ingestWaiting(MeterRef meter, List<Reading> readings) throws InterruptedException {
        try (IngestAdmission.Ticket admitted = admission.enterWaiting(readings.size())) {
            return store(meter, readings);
        }
    }

    public IngestAdmission admission() {
        return admission;
    }

    private AppendResult store(MeterRef meter, List<Reading> readings) {
        return writeThreads.call(() -> storeHere(meter, readings));
    }

    private AppendResult storeHere(MeterRef meter, List<Reading> readings) {
        store.meters().ensure(meter);
        MeterQuality q = quality(meter); // before the write: its baseline is the newest reading so far
        AppendResult result = store.append(meter, readings);
        stored(meter, q, readings, result);
        return result;
    }

    /** Several meters, one durable write (one fsync); then each meter's counters and fan-out. */
    private long storeAll(Map<MeterRef, List<Reading>> readingsByMeter) {
        return writeThreads.call(() -> storeAllHere(readingsByMeter));
    }

    private long storeAllHere(Map<MeterRef, List<Reading>> readingsByMeter) {
        Map<MeterRef, MeterQuality> qualities = new HashMap<>();
        for (MeterRef meter : readingsByMeter.keySet()) {
            store.meters().ensure(meter);
            qualities.put(meter, quality(meter)); // before the write, as in store()
        }
        Map<MeterRef, AppendResult> results = store.appendAll(readingsByMeter);
        results.forEach((meter, result) -> stored(meter, qualities.get(meter), readingsByMeter.get(meter), result));
        return results.values().stream().mapToLong(AppendResult::accepted).sum();
    }

    private void stored(MeterRef meter, MeterQuality q, List<Reading> readings, AppendResult result) {
        q.batch(readings, result.stored(), result.duplicates(), store.config().gapLimitMs(), clock.millis());
        accepted.add(result.accepted());
        duplicates.add(result.duplicates());
        live.publish(meter, result.stored());
        if (result.accepted() > 0) {
            listeners.forEach(l -> l.accept(meter, result.stored()));
        }
    }

    /** Counts a batch for this meter that was refused as a whole (bad row, too large). */
    public void rejected(MeterRef meter) {
        rejectedBatches.increment();
        if (store.meters().find(meter).isPresent()) {
            quality(meter).rejected(1);
        }
    }

    /** Data-quality counters of a registered meter since start. */
    public MeterQuality quality(MeterRef meter) {
        return quality.computeIfAbsent(meter, m -> {
            Reading newest = store.latest(m);
            return new MeterQuality(newest == null ? Long.MIN_VALUE : newest.timestampMs());
        });
    }

    public long rejectedBatchesTotal() {
        return rejectedBatches.sum();
    }

    /** Adds a consumer of stored readings; called on the ingesting thread, so it must be quick. */
    public void onStored(BiConsumer<MeterRef, List<Reading>> listener) {
        listeners.add(listener);
    }

    public long acceptedTotal() {
        return accepted.sum();
    }

    public long duplicatesTotal() {
        return duplicates.sum();
    }
}
