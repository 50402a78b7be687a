package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.store.codec.ChunkCodec;
import io.gridpulse.store.codec.DecodedChunk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksIterator;

/**
 * Reads one meter's readings from both places they live: sealed hour chunks (compressed) and
 * the head (one record per recent reading). Results are merged in time order.
 */
public final class SeriesAccess {
    public static final long CHUNK_MS = 3_600_000L;
    /** From this many chunks on (hours of one meter), a range read decodes them in parallel. */
    private static final int PARALLEL_DECODE_MIN_CHUNKS = 6;

    private final RocksDatabase db;

    public SeriesAccess(RocksDatabase db) {
        this.db = db;
    }

    public static long chunkStart(long timestampMs) {
        return Math.floorDiv(timestampMs, CHUNK_MS) * CHUNK_MS;
    }

    /** Readings with fromMs ≤ ts < toMs, in time order. */
    public List<Reading> range(long meterKey, long fromMs, long toMs) {
        List<byte[]> encoded = new ArrayList<>();
        try (RocksIterator it = db.iterator(db.chunks)) {
            for (it.seek(Keys.meterTime(meterKey, chunkStart(fromMs))); valid(it, meterKey, toMs); it.next()) {
                encoded.add(it.value());
            }
        }
        List<Reading> sealed = new ArrayList<>(encoded.size() * 3_600);
        for (DecodedChunk chunk : decodeAll(encoded)) {
            addInRange(chunk, fromMs, toMs, sealed);
        }
        List<Reading> recent = new ArrayList<>();
        try (RocksIterator it = db.iterator(db.head)) {
            for (it.seek(Keys.meterTime(meterKey, fromMs)); valid(it, meterKey, toMs); it.next()) {
                recent.add(headReading(it.key(), it.value()));
            }
        }
        return merge(sealed, recent);
    }

    /** Decodes chunks, on all cores when there are enough of them (decoding dominates long reads). */
    private static List<DecodedChunk> decodeAll(List<byte[]> encoded) {
        if (encoded.size() < PARALLEL_DECODE_MIN_CHUNKS) {
            return encoded.stream().map(ChunkCodec::decode).toList();
        }
        return encoded.parallelStream().map(ChunkCodec::decode).toList();
    }

    /** The latest reading strictly before {@code timestampMs}, or null. */
    public Reading previous(long meterKey, long timestampMs) {
        Reading best = null;
        try (RocksIterator it = db.iterator(db.head)) {
            it.seekForPrev(Keys.meterTime(meterKey, timestampMs - 1));
            if (it.isValid() && Keys.meterOf(it.key()) == meterKey) {
                best = headReading(it.key(), it.value());
            }
        }
        try (RocksIterator it = db.iterator(db.chunks)) {
            for (it.seekForPrev(Keys.meterTime(meterKey, chunkStart(timestampMs - 1)));
                    it.isValid() && Keys.meterOf(it.key()) == meterKey; it.prev()) {
                if (best != null && Keys.timeOf(it.key()) + CHUNK_MS <= best.timestampMs()) {
                    break;
                }
                Reading candidate = lastBefore(ChunkCodec.decode(it.value()), timestampMs);
                if (candidate != null) {
                    return best == null || candidate.timestampMs() > best.timestampMs() ? candidate : best;
                }
            }
        }
        return best;
    }

    /** The earliest reading strictly after {@code timestampMs}, or null. */
    public Reading next(long meterKey, long timestampMs) {
        Reading best = null;
        try (RocksIterator it = db.iterator(db.head)) {
            it.seek(Keys.meterTime(meterKey, timestampMs + 1));
            if (it.isValid() && Keys.meterOf(it.key()) == meterKey) {
                best = headReading(it.key(), it.value());
            }
        }
        try (RocksIterator it = db.iterator(db.chunks)) {
            for (it.seek(Keys.meterTime(meterKey, chunkStart(timestampMs + 1)));
                    it.isValid() && Keys.meterOf(it.key()) == meterKey; it.next()) {
                if (best != null && Keys.timeOf(it.key()) >= best.timestampMs()) {
                    break;
                }
                Reading candidate = firstAfter(ChunkCodec.decode(it.value()), timestampMs);
                if (candidate != null) {
                    return best == null || candidate.timestampMs() < best.timestampMs() ? candidate : best;
                }
            }
        }
        return best;
    }

    /** The most recent reading of the meter, or null when it has none. */
    public Reading last(long meterKey) {
        return previous(meterKey, Long.MAX_VALUE);
    }

    public boolean exists(long meterKey, long timestampMs) {
        if (db.get(db.head, Keys.meterTime(meterKey, timestampMs)) != null) {
            return true;
        }
        byte[] chunk = db.get(db.chunks, Keys.meterTime(meterKey, chunkStart(timestampMs)));
        if (chunk == null) {
            return false;
        }
        DecodedChunk c = ChunkCodec.decode(chunk);
        return java.util.Arrays.binarySearch(c.timestampsMs(), 0, c.count(), timestampMs) >= 0;
    }

    /** The sealed chunk of the hour starting at {@code hourStartMs}, decoded, or an empty list. */
    public List<Reading> chunk(long meterKey, long hourStartMs) {
        byte[] bytes = db.get(db.chunks, Keys.meterTime(meterKey, hourStartMs));
        List<Reading> out = new ArrayList<>();
        if (bytes != null) {
            addInRange(ChunkCodec.decode(bytes), Long.MIN_VALUE, Long.MAX_VALUE, out);
        }
        return out;
    }

    public static byte[] encode(List<Reading> readings) {
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
        return ChunkCodec.encode(ts, power, anyEnergy ? energy : null, n);
    }

    public static Reading headReading(byte[] key, byte[] value) {
        ByteBuffer v = ByteBuffer.wrap(value);
        return new Reading(Keys.timeOf(key), v.getLong(), v.getLong());
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

    private static boolean valid(RocksIterator it, long meterKey, long toMs) {
        return it.isValid() && Keys.meterOf(it.key()) == meterKey && Keys.timeOf(it.key()) < toMs;
    }

    private static void addInRange(DecodedChunk c, long fromMs, long toMs, List<Reading> out) {
        for (int i = 0; i < c.count(); i++) {
            long ts = c.timestampsMs()[i];
            if (ts >= fromMs && ts < toMs) {
                out.add(readingAt(c, i));
            }
        }
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
