package io.gridpulse.bench.crash;

import io.gridpulse.bench.DataClock;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The process that gets killed: appends batches to the store from several threads until it is
 * killed, printing an {@link Ack} for each batch only after {@code append} returned. Batches
 * mix in-order runs, late batches filling gaps (possibly in sealed hours) and re-sent batches.
 *
 * <p>Arguments: {@code <dataDir> <valueSeed> <threads> <meters> <choiceSeed>}.
 */
public final class CrashIngestChild {
    static final String READY = "READY";

    private final ReadingStore store;
    private final SyntheticReadings readings;
    private final DataClock clock;
    private final PrintStream out;

    private CrashIngestChild(ReadingStore store, SyntheticReadings readings, DataClock clock, PrintStream out) {
        this.store = store;
        this.readings = readings;
        this.clock = clock;
        this.out = out;
    }

    /**
     * Far below the default, so that WAL files are flushed and recycled many times in each run:
     * kills then land in recycled files (new records over a previous log's) as they do in a
     * long-running server.
     */
    static final long WAL_CAP_BYTES = 1L << 20;

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        int meters = Integer.parseInt(args[3]);
        long choiceSeed = Long.parseLong(args[4]);
        // Ten minutes ahead, beyond the store's seal delay: late batches also write into sealed hours.
        DataClock clock = new DataClock(SyntheticReadings.START_MS, 10 * 60_000L);
        ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir).withMaxWalBytes(WAL_CAP_BYTES), clock);
        CrashIngestChild child = new CrashIngestChild(store, new SyntheticReadings(seed), clock, System.out);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<BatchPlan> owned = new ArrayList<>();
            for (int m = t; m < meters; m += threads) {
                owned.add(child.cursor(m));
            }
            Random random = new Random(choiceSeed * 31 + t);
            boolean sealer = t == 0;
            workers.add(Thread.ofPlatform().start(() -> child.ingest(owned, random, sealer)));
        }
        child.println(READY);
        for (Thread w : workers) {
            w.join();
        }
    }

    private BatchPlan cursor(int meterIndex) {
        store.meters().ensure(SyntheticReadings.meter(meterIndex));
        Reading last = store.latest(SyntheticReadings.meter(meterIndex));
        long next = last == null ? SyntheticReadings.START_MS : last.timestampMs() + SyntheticReadings.STEP_MS;
        clock.saw(next);
        return new BatchPlan(meterIndex, next);
    }

    private void ingest(List<BatchPlan> owned, Random random, boolean sealer) {
        for (long n = 1; ; n++) {
            if (random.nextBoolean()) {
                appendAsGateway(owned, random);
            } else {
                BatchPlan plan = owned.get(random.nextInt(owned.size()));
                long[] range = plan.next(random, Long.MAX_VALUE);
                if (range != null) {
                    append(plan, range);
                }
            }
            if (sealer && n % 200 == 0) {
                store.sealDueHours();
            }
        }
    }

    /**
     * One multi-meter write of every owned meter's next batch, as a gateway sends them: with
     * enough meters the store's pending log takes the in-order ones.
     */
    private void appendAsGateway(List<BatchPlan> owned, Random random) {
        Map<MeterRef, List<Reading>> batches = new HashMap<>();
        Map<BatchPlan, long[]> ranges = new LinkedHashMap<>();
        for (BatchPlan plan : owned) {
            long[] range = plan.next(random, Long.MAX_VALUE);
            if (range != null) {
                batches.put(SyntheticReadings.meter(plan.meterIndex()), batch(plan, range));
                ranges.put(plan, range);
            }
        }
        if (batches.isEmpty()) {
            return;
        }
        store.appendAll(batches);
        ranges.forEach((plan, range) -> acknowledged(plan, range, batches.get(SyntheticReadings.meter(plan.meterIndex()))));
    }

    private void append(BatchPlan plan, long[] range) {
        List<Reading> batch = batch(plan, range);
        store.append(SyntheticReadings.meter(plan.meterIndex()), batch);
        acknowledged(plan, range, batch);
    }

    /** The planned readings; the clock follows them as it would follow live data. */
    private List<Reading> batch(BatchPlan plan, long[] range) {
        List<Reading> batch = readings.run(plan.meterIndex(), range[0], (int) range[1]);
        clock.saw(batch.get(batch.size() - 1).timestampMs());
        return batch;
    }

    /** Reports a stored batch to the parent (who verifies it after the kill). */
    private void acknowledged(BatchPlan plan, long[] range, List<Reading> batch) {
        println(new Ack(plan.meterIndex(), range[0], (int) range[1], SyntheticReadings.checksum(batch)).format());
        plan.acknowledged(range);
    }

    private synchronized void println(String line) {
        out.println(line);
        out.flush();
    }
}
