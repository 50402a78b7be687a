package io.gridpulse.bench.crash;

import io.gridpulse.bench.Folders;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a store after a crash: every acknowledged batch is present with identical values, no
 * timestamp is stored twice, no reading differs from what was sent, and the rollups equal those
 * of a fresh store fed the same raw readings in order.
 */
public final class StoreVerifier {
    private static final Clock AFTER_ALL_DATA = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int REBUILD_BATCH = 3600;

    private final SyntheticReadings expected;
    private final int meters;

    public StoreVerifier(long seed, int meters) {
        this(new SyntheticReadings(seed), meters);
    }

    public StoreVerifier(SyntheticReadings expected, int meters) {
        this.expected = expected;
        this.meters = meters;
    }

    /** Outcome: readings checked, acks not found, and anything else that is wrong. */
    public record Outcome(long readingsVerified, List<Ack> missing, List<String> problems) {}

    public Outcome verify(Path dataDir, List<Ack> acks) {
        List<String> problems = new ArrayList<>();
        Map<Integer, List<Reading>> stored = new HashMap<>();
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dataDir), AFTER_ALL_DATA)) {
            for (int m = 0; m < meters; m++) {
                List<Reading> raw = readAll(store, SyntheticReadings.meter(m));
                checkRaw(m, raw, problems);
                stored.put(m, raw);
            }
            List<Ack> missing = checkAcks(acks, stored, problems);
            checkRollups(store, stored, problems);
            long verified = acks.stream().filter(a -> !missing.contains(a)).mapToLong(Ack::count).sum();
            return new Outcome(verified, missing, problems);
        }
    }

    private static List<Reading> readAll(ReadingStore store, MeterRef meter) {
        return store.meters().find(meter).isPresent() ? store.readRaw(meter, 0, Long.MAX_VALUE) : List.of();
    }

    private void checkRaw(int meter, List<Reading> raw, List<String> problems) {
        long previous = Long.MIN_VALUE;
        for (Reading r : raw) {
            if (r.timestampMs() <= previous) {
                problems.add("meter " + meter + ": timestamp " + r.timestampMs() + " stored twice or out of order");
            }
            if (!r.equals(expected.at(meter, r.timestampMs()))) {
                problems.add("meter " + meter + ": reading " + r + " differs from the one sent");
            }
            previous = r.timestampMs();
        }
    }

    private static List<Ack> checkAcks(List<Ack> acks, Map<Integer, List<Reading>> stored, List<String> problems) {
        List<Ack> missing = new ArrayList<>();
        for (Ack ack : acks) {
            List<Reading> found = slice(stored.getOrDefault(ack.meterIndex(), List.of()), ack.firstMs(), ack.endMs());
            if (found.isEmpty()) {
                missing.add(ack);
            } else if (found.size() != ack.count() || SyntheticReadings.checksum(found) != ack.checksum()) {
                problems.add("batch " + ack.format() + " only partly stored: " + found.size() + " readings");
            }
        }
        return missing;
    }

    private static List<Reading> slice(List<Reading> sorted, long fromMs, long toMs) {
        int from = lowerBound(sorted, fromMs);
        int to = lowerBound(sorted, toMs);
        return sorted.subList(from, to);
    }

    private static int lowerBound(List<Reading> sorted, long ts) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).timestampMs() < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void checkRollups(ReadingStore store, Map<Integer, List<Reading>> stored, List<String> problems) {
        Path scratch = createScratch();
        try (ReadingStore fresh = ReadingStore.open(StorageConfig.defaults(scratch), AFTER_ALL_DATA)) {
            for (int m = 0; m < meters; m++) {
                List<Reading> raw = stored.get(m);
                if (raw.isEmpty()) {
                    continue;
                }
                MeterRef meter = SyntheticReadings.meter(m);
                fresh.meters().ensure(meter);
                for (int i = 0; i < raw.size(); i += REBUILD_BATCH) {
                    fresh.append(meter, raw.subList(i, Math.min(raw.size(), i + REBUILD_BATCH)));
                }
                for (RollupLevel level : RollupLevel.values()) {
                    List<Rollup> actual = nonEmpty(store.rollups(meter, level, 0, Long.MAX_VALUE));
                    List<Rollup> recomputed = fresh.rollups(meter, level, 0, Long.MAX_VALUE);
                    if (!actual.equals(recomputed)) {
                        problems.add("meter " + m + ": " + level + " rollups differ from a recomputation ("
                                + actual.size() + " vs " + recomputed.size() + " rows)");
                    }
                }
            }
        } finally {
            Folders.deleteTree(scratch);
        }
    }

    /** Rows whose every change was later undone (a late reading split an interval) carry nothing. */
    private static List<Rollup> nonEmpty(List<Rollup> rows) {
        return rows.stream().filter(r -> r.samples() > 0 || r.energyNanowattHours() != 0 || r.coveredMs() != 0)
                .toList();
    }

    private static Path createScratch() {
        try {
            return Files.createTempDirectory("gridpulse-verify");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
