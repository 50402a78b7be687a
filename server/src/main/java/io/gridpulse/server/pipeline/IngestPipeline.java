package io.gridpulse.server.pipeline;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.store.AppendResult;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
    private final List<Consumer<Map<MeterRef, List<Reading>>>> listeners = new CopyOnWriteArrayList<>();
    private final Map<MeterRef, MeterSlot> slots = new ConcurrentHashMap<>();
    private final Clock clock;
    private final IngestAdmission admission;

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
        SideBySide given = SideBySide.of(readingsByMeter);
        return ingestAll(given.meters(), given.batches());
    }

    /** As {@link #ingestAll(Map)} for distinct meters and their batches side by side. */
    public long ingestAll(List<MeterRef> meters, List<List<Reading>> batches) {
        try (IngestAdmission.Ticket admitted = admission.tryEnter(total(batches))) {
            return storeAll(meters, batches);
        }
    }

    /** As {@link #ingestAll}, but waits for admission (streaming protocols: slows the publisher). */
    public long ingestAllWaiting(Map<MeterRef, List<Reading>> readingsByMeter) throws InterruptedException {
        SideBySide given = SideBySide.of(readingsByMeter);
        try (IngestAdmission.Ticket admitted = admission.enterWaiting(total(given.batches()))) {
            return storeAll(given.meters(), given.batches());
        }
    }

    /** A map's meters and their batches as two lists in one order (what the store takes). */
    private record SideBySide(List<MeterRef> meters, List<List<Reading>> batches) {
        static SideBySide of(Map<MeterRef, List<Reading>> readingsByMeter) {
            SideBySide out = new SideBySide(new ArrayList<>(readingsByMeter.size()), new ArrayList<>(readingsByMeter.size()));
            readingsByMeter.forEach((meter, readings) -> {
                out.meters().add(meter);
                out.batches().add(readings);
            });
            return out;
        }
    }

    private static int total(List<List<Reading>> batches) {
        int total = 0;
        for (List<Reading> batch : batches) {
            total += batch.size();
        }
        return total;
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
        return write(List.of(meter), List.of(readings))[0];
    }

    /** Several meters, one durable write (one fsync); then each meter's counters and fan-out. */
    private long storeAll(List<MeterRef> meters, List<List<Reading>> batches) {
        AppendResult[] results = write(meters, batches);
        long stored = 0;
        for (AppendResult result : results) {
            stored += result.accepted();
        }
        return stored;
    }

    /** Registers, stores and fans out; returns each meter's result in {@code given}'s order. */
    private AppendResult[] write(List<MeterRef> given, List<List<Reading>> batches) {
        int n = given.size();
        MeterSlot[] meters = slots(given); // before the write: the quality baseline is the newest reading so far
        List<MeterRef> refs = new ArrayList<>(n);
        for (MeterSlot meter : meters) {
            refs.add(meter.ref());
        }
        AppendResult[] results = store.appendAll(refs, batches);
        long nowMs = clock.millis();
        long acceptedNow = 0;
        long duplicatesNow = 0;
        Map<MeterRef, List<Reading>> fresh = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            MeterRef meter = meters[i].ref();
            AppendResult result = results[i];
            meters[i].quality().batch(batches.get(i), result.stored(), result.duplicates(), store.config().gapLimitMs(), nowMs);
            live.publish(meter, result.stored());
            acceptedNow += result.accepted();
            duplicatesNow += result.duplicates();
            if (result.accepted() > 0) {
                fresh.put(meter, result.stored());
            }
        }
        accepted.add(acceptedNow); // once per write: these counters are shared by every request thread
        duplicates.add(duplicatesNow);
        if (!fresh.isEmpty()) {
            listeners.forEach(l -> l.accept(fresh));
        }
        return results;
    }

    /**
     * A registered meter's own {@link MeterRef} instance (the registry's, so that the per-meter
     * maps after the pipeline find their key by identity) and its quality counters: one look-up
     * per meter and write instead of one per map.
     */
    private record MeterSlot(MeterRef ref, MeterQuality quality) {}

    /** The meters' slots, registering the meters that write for the first time (all at once). */
    private MeterSlot[] slots(List<MeterRef> given) {
        MeterSlot[] found = new MeterSlot[given.size()];
        List<MeterRef> unknown = null;
        for (int i = 0; i < found.length; i++) {
            found[i] = slots.get(given.get(i));
            if (found[i] == null) {
                unknown = unknown == null ? new ArrayList<>() : unknown;
                unknown.add(given.get(i));
            }
        }
        if (unknown != null) {
            Iterator<MeterRecord> registered = store.meters().ensureAll(unknown).iterator();
            for (int i = 0; i < found.length; i++) {
                found[i] = found[i] != null ? found[i] : slotOf(registered.next());
            }
        }
        return found;
    }

    private MeterSlot slotOf(MeterRecord meter) {
        return slots.computeIfAbsent(meter.ref(), ref -> {
            Reading newest = store.latest(ref);
            return new MeterSlot(ref, new MeterQuality(newest == null ? Long.MIN_VALUE : newest.timestampMs()));
        });
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
        MeterSlot slot = slots.get(meter);
        return slot != null ? slot.quality() : slotOf(store.meters().require(meter)).quality();
    }

    public long rejectedBatchesTotal() {
        return rejectedBatches.sum();
    }

    /**
     * Adds a consumer of each durable write's newly stored readings, by meter (meters with none
     * left out; one call per write, so a gateway's post of many meters is one call). Called on
     * the ingesting thread, so it must be quick.
     */
    public void onStored(Consumer<Map<MeterRef, List<Reading>>> listener) {
        listeners.add(listener);
    }

    public long acceptedTotal() {
        return accepted.sum();
    }

    public long duplicatesTotal() {
        return duplicates.sum();
    }
}
