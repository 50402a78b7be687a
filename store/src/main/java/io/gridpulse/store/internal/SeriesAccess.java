package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;
import io.gridpulse.store.codec.ChunkCodec;
import io.gridpulse.store.codec.DecodedChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksIterator;

/**
 * Reads one meter's readings from the places they live: compacted days and sealed hour chunks
 * (both compressed; a late reading of a compacted day sits in an hour chunk until the next
 * compaction), the head (one {@link HeadBlock} per appended batch and hour) and the pending log's copy in memory
 * ({@link PendingReadings}). Results are merged in time order.
 */
public final class SeriesAccess {
    public static final long CHUNK_MS = 3_600_000L;
    /** Span of a compacted day (UTC): once all its hours are sealed, a meter's hour chunks become one. */
    public static final long DAY_MS = 86_400_000L;
    /** From this many chunks on (hours of one meter), a range read decodes them in parallel. */
    private static final int PARALLEL_DECODE_MIN_CHUNKS = 6;

    private final RocksDatabase db;
    private final LongFunction<PendingReadings> pending;

    /**
     * @param pending a meter's pending readings (or null). Always taken before the head is read:
     *     readings only ever move from pending to the head, so a reader sees each of them at least
     *     once (twice during a move, and repeats are dropped)
     */
    public SeriesAccess(RocksDatabase db, LongFunction<PendingReadings> pending) {
        this.db = db;
        this.pending = pending;
    }

    public static long chunkStart(long timestampMs) {
        return Math.floorDiv(timestampMs, CHUNK_MS) * CHUNK_MS;
    }

    /** Readings with fromMs ≤ ts < toMs, in time order: {@link #rangeColumns} as objects. */
    public List<Reading> range(long meterKey, long fromMs, long toMs) {
        return rangeColumns(meterKey, fromMs, toMs).toList();
    }

    /**
     * Readings with fromMs ≤ ts < toMs, in time order, column-wise. The places are read in the
     * order readings move through them (pending, head, hour chunks, days), so a reading that
     * moves on during the read is met twice at worst (repeats are dropped), never missed.
     */
    public ReadingColumns rangeColumns(long meterKey, long fromMs, long toMs) {
        ReadingColumns recent = head(meterKey, fromMs, toMs);
        List<byte[]> hours = encodedIn(db.chunks, meterKey, chunkStart(fromMs), toMs);
        List<byte[]> days = encodedIn(db.days, meterKey, dayStart(fromMs), toMs);
        ReadingColumns sealed = inRange(days, fromMs, toMs);
        if (!hours.isEmpty()) { // hours of days not compacted yet, or late readings of compacted days
            sealed = merge(sealed, inRange(hours, fromMs, toMs));
        }
        return merge(sealed, recent);
    }

    public static long dayStart(long timestampMs) {
        return Math.floorDiv(timestampMs, DAY_MS) * DAY_MS;
    }

    /**
     * Readings in range of consecutive chunks, in order; on all cores when there are enough
     * chunks (decoding dominates long reads), each chunk into its own columns, then joined.
     */
    private static ReadingColumns inRange(List<byte[]> encoded, long fromMs, long toMs) {
        if (encoded.size() < PARALLEL_DECODE_MIN_CHUNKS) {
            ReadingColumns out = new ReadingColumns(0);
            for (byte[] chunk : encoded) {
                ChunkCodec.read(chunk, c -> addInRange(c, fromMs, toMs, out));
            }
            return out;
        }
        List<ReadingColumns> parts = encoded.parallelStream()
                .map(chunk -> ChunkCodec.read(chunk, c -> addInRange(c, fromMs, toMs, new ReadingColumns(0))))
                .toList();
        ReadingColumns out = new ReadingColumns(parts.stream().mapToInt(ReadingColumns::size).sum());
        parts.forEach(part -> out.addAll(part, 0, part.size()));
        return out;
    }

    /** Values of the meter's keys in {@code cf} from {@code fromKeyMs} to before {@code toMs}. */
    private List<byte[]> encodedIn(ColumnFamilyHandle cf, long meterKey, long fromKeyMs, long toMs) {
        List<byte[]> encoded = new ArrayList<>();
        try (RocksIterator it = db.iterator(cf)) {
            for (it.seek(Keys.meterTime(meterKey, fromKeyMs)); valid(it, meterKey, toMs); it.next()) {
                encoded.add(it.value());
            }
        }
        return encoded;
    }

    /** Head readings with fromMs ≤ ts < toMs, in time order (blocks start in their reading's hour). */
    public ReadingColumns head(long meterKey, long fromMs, long toMs) {
        PendingReadings moving = pending.apply(meterKey);
        ReadingColumns out = new ReadingColumns(64);
        try (RocksIterator it = db.iterator(db.head)) {
            for (it.seek(Keys.meterTime(meterKey, chunkStart(fromMs))); valid(it, meterKey, toMs); it.next()) {
                HeadBlock.decode(it.key(), it.value(), fromMs, toMs, out);
            }
        }
        if (moving != null) {
            moving.addTo(out, fromMs, toMs);
        }
        out.sortWithoutRepeats();
        return out;
    }

    /** The latest reading strictly before {@code timestampMs}, or null. */
    public Reading previous(long meterKey, long timestampMs) {
        Reading best = previousInHead(meterKey, timestampMs);
        best = previousSealed(db.chunks, CHUNK_MS, meterKey, timestampMs, best);
        return previousSealed(db.days, DAY_MS, meterKey, timestampMs, best);
    }

    /** {@code best} or a later reading before {@code timestampMs} from chunks spanning {@code spanMs}. */
    private Reading previousSealed(ColumnFamilyHandle cf, long spanMs, long meterKey, long timestampMs, Reading best) {
        try (RocksIterator it = db.iterator(cf)) {
            for (it.seekForPrev(Keys.meterTime(meterKey, Math.floorDiv(timestampMs - 1, spanMs) * spanMs));
                    it.isValid() && Keys.meterOf(it.key()) == meterKey; it.prev()) {
                if (best != null && Keys.timeOf(it.key()) + spanMs <= best.timestampMs()) {
                    break;
                }
                Reading candidate = ChunkCodec.read(it.value(), c -> lastBefore(c, timestampMs));
                if (candidate != null) {
                    return best == null || candidate.timestampMs() > best.timestampMs() ? candidate : best;
                }
            }
        }
        return best;
    }

    /** Walks head blocks backwards; a block's readings all lie within the hour of its first one. */
    private Reading previousInHead(long meterKey, long timestampMs) {
        PendingReadings moving = pending.apply(meterKey);
        Reading best = moving == null ? null : moving.lastBefore(timestampMs);
        long bestTs = best == null ? Long.MIN_VALUE : best.timestampMs();
        try (RocksIterator it = db.iterator(db.head)) {
            for (it.seekForPrev(Keys.meterTime(meterKey, timestampMs - 1));
                    it.isValid() && Keys.meterOf(it.key()) == meterKey; it.prev()) {
                if (best != null && chunkStart(Keys.timeOf(it.key())) + CHUNK_MS <= bestTs) {
                    break;
                }
                ReadingColumns block = new ReadingColumns(64);
                HeadBlock.decode(it.key(), it.value(), Long.MIN_VALUE, timestampMs, block);
                for (int i = 0; i < block.size(); i++) {
                    if (block.timestampMs(i) > bestTs) {
                        bestTs = block.timestampMs(i);
                        best = block.get(i);
                    }
                }
            }
        }
        return best;
    }

    /** The earliest reading strictly after {@code timestampMs}, or null. */
    public Reading next(long meterKey, long timestampMs) {
        Reading best = nextInHead(meterKey, timestampMs);
        best = nextSealed(db.chunks, CHUNK_MS, meterKey, timestampMs, best);
        return nextSealed(db.days, DAY_MS, meterKey, timestampMs, best);
    }

    /** {@code best} or an earlier reading after {@code timestampMs} from chunks spanning {@code spanMs}. */
    private Reading nextSealed(ColumnFamilyHandle cf, long spanMs, long meterKey, long timestampMs, Reading best) {
        try (RocksIterator it = db.iterator(cf)) {
            for (it.seek(Keys.meterTime(meterKey, Math.floorDiv(timestampMs + 1, spanMs) * spanMs));
                    it.isValid() && Keys.meterOf(it.key()) == meterKey; it.next()) {
                if (best != null && Keys.timeOf(it.key()) >= best.timestampMs()) {
                    break;
                }
                Reading candidate = ChunkCodec.read(it.value(), c -> firstAfter(c, timestampMs));
                if (candidate != null) {
                    return best == null || candidate.timestampMs() < best.timestampMs() ? candidate : best;
                }
            }
        }
        return best;
    }

    private Reading nextInHead(long meterKey, long timestampMs) {
        PendingReadings moving = pending.apply(meterKey);
        Reading best = moving == null ? null : moving.firstAfter(timestampMs);
        long bestTs = best == null ? Long.MAX_VALUE : best.timestampMs();
        try (RocksIterator it = db.iterator(db.head)) {
            for (it.seek(Keys.meterTime(meterKey, chunkStart(timestampMs + 1)));
                    it.isValid() && Keys.meterOf(it.key()) == meterKey; it.next()) {
                if (Keys.timeOf(it.key()) >= bestTs) {
                    break; // later blocks start (and so lie entirely) after the best found
                }
                ReadingColumns block = new ReadingColumns(64);
                HeadBlock.decode(it.key(), it.value(), timestampMs + 1, Long.MAX_VALUE, block);
                for (int i = 0; i < block.size(); i++) {
                    if (block.timestampMs(i) < bestTs) {
                        bestTs = block.timestampMs(i);
                        best = block.get(i);
                    }
                }
            }
        }
        return best;
    }

    /** The most recent reading of the meter, or null when it has none. */
    public Reading last(long meterKey) {
        return previous(meterKey, Long.MAX_VALUE);
    }

    /** The sealed chunk of the hour starting at {@code hourStartMs}, decoded, or an empty list. */
    public List<Reading> chunk(long meterKey, long hourStartMs) {
        return decoded(db.chunks, meterKey, hourStartMs);
    }

    /** The compacted day starting at {@code dayStartMs} (UTC), decoded, or an empty list. */
    public List<Reading> day(long meterKey, long dayStartMs) {
        return decoded(db.days, meterKey, dayStartMs);
    }

    private List<Reading> decoded(ColumnFamilyHandle cf, long meterKey, long startMs) {
        byte[] bytes = db.get(cf, Keys.meterTime(meterKey, startMs));
        if (bytes == null) {
            return new ArrayList<>();
        }
        return inRange(List.of(bytes), Long.MIN_VALUE, Long.MAX_VALUE).toList();
    }

    /** A compacted day's chunk: the codec's smallest layout. */
    public static byte[] encodeDay(List<Reading> readings) {
        return encode(readings, false);
    }

    /** A sealed hour's chunk: the codec's fastest layout to write and to read; the day chunk replaces it. */
    public static byte[] encodeHour(List<Reading> readings) {
        return encode(readings, true);
    }

    private static byte[] encode(List<Reading> readings, boolean fast) {
        int n = readings.size();
        long[] ts = new long[n];
        long[] power = new long[n];
        long[] energy = new long[n];
        boolean anyEnergy = false;
        for (int i = 0; i < n; i++) {
            Reading r = readings.get(i);
            ts[i] = r.timestampMs();
            power[i] = r.powerMilliwatts();
            energy[i] = r.energyMilliwattHours();
            anyEnergy |= r.hasEnergy();
        }
        return fast ? ChunkCodec.encodeFast(ts, power, anyEnergy ? energy : null, n)
                : ChunkCodec.encode(ts, power, anyEnergy ? energy : null, n);
    }

    /** Merges two time-ordered lists; on equal timestamps the first list's reading wins. */
    public static List<Reading> merge(List<Reading> a, List<Reading> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<Reading> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j == b.size() || i < a.size() && a.get(i).timestampMs() <= b.get(j).timestampMs()) {
                if (j < b.size() && a.get(i).timestampMs() == b.get(j).timestampMs()) {
                    j++;
                }
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        return out;
    }

    /** Merges two time-ordered column sets; on equal timestamps {@code a}'s reading wins. */
    static ReadingColumns merge(ReadingColumns a, ReadingColumns b) {
        if (b.size() == 0) {
            return a;
        }
        if (a.size() == 0) {
            return b;
        }
        ReadingColumns out = new ReadingColumns(a.size() + b.size());
        if (a.timestampMs(a.size() - 1) < b.timestampMs(0)) { // the usual case: sealed hours, then the head
            out.addAll(a, 0, a.size());
            out.addAll(b, 0, b.size());
            return out;
        }
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            long ta = a.timestampMs(i);
            long tb = b.timestampMs(j);
            if (ta <= tb) {
                j += ta == tb ? 1 : 0;
                copy(a, i++, out);
            } else {
                copy(b, j++, out);
            }
        }
        out.addAll(a, i, a.size());
        out.addAll(b, j, b.size());
        return out;
    }

    private static void copy(ReadingColumns from, int i, ReadingColumns to) {
        to.add(from.timestampMs(i), from.powerMilliwatts(i), from.energyMilliwattHours(i));
    }

    private static boolean valid(RocksIterator it, long meterKey, long toMs) {
        return it.isValid() && Keys.meterOf(it.key()) == meterKey && Keys.timeOf(it.key()) < toMs;
    }

    /** Adds the chunk's readings with fromMs ≤ ts < toMs to {@code out}; returns {@code out}. */
    private static ReadingColumns addInRange(DecodedChunk c, long fromMs, long toMs, ReadingColumns out) {
        int first = indexOfFirstAtOrAfter(c, fromMs);
        int end = indexOfFirstAtOrAfter(c, toMs);
        if (first < end) {
            out.addAll(c.timestampsMs(), c.powerMilliwatts(), c.energyMilliwattHours(), first, end);
        }
        return out;
    }

    /** Timestamps are strictly increasing. */
    private static int indexOfFirstAtOrAfter(DecodedChunk c, long timestampMs) {
        int index = Arrays.binarySearch(c.timestampsMs(), 0, c.count(), timestampMs);
        return index >= 0 ? index : -index - 1;
    }

    private static Reading readingAt(DecodedChunk c, int i) {
        long energy = c.energyMilliwattHours() == null ? Reading.NO_ENERGY : c.energyMilliwattHours()[i];
        return new Reading(c.timestampsMs()[i], c.powerMilliwatts()[i], energy);
    }

    private static Reading lastBefore(DecodedChunk c, long timestampMs) {
        for (int i = c.count() - 1; i >= 0; i--) {
            if (c.timestampsMs()[i] < timestampMs) {
                return readingAt(c, i);
            }
        }
        return null;
    }

    private static Reading firstAfter(DecodedChunk c, long timestampMs) {
        for (int i = 0; i < c.count(); i++) {
            if (c.timestampsMs()[i] > timestampMs) {
                return readingAt(c, i);
            }
        }
        return null;
    }
}
