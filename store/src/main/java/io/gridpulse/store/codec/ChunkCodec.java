package io.gridpulse.store.codec;

import io.gridpulse.core.Reading;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

/**
 * GridPulse's chunk codec: a run of one meter's readings ↔ a self-contained, checksummed byte
 * array. Lossless for any 64-bit input; compact on real meters (see README.md in this package for
 * the byte layout and docs/benchmarks.md for measurements).
 *
 * <p>Thread-safe: scratch state is pooled, so steady-state encoding allocates only the returned
 * array, decoding only the returned columns, and {@link #read} / {@link #decodeInto} nothing.
 */
public final class ChunkCodec {
    /** Current format version, the chunk's first byte. */
    public static final int FORMAT_VERSION = 8;
    /** Version byte of a packed or range-coded chunk: their layouts are version 7's ({@link #FLAG_BLOCKS} is version 8's). */
    static final int PACKED_VERSION = 7;
    /** Version byte of a range-coded chunk written without version 6's run-history contexts (the version-5 layout). */
    static final int NO_RUN_HISTORY_VERSION = 5;
    /** Version byte of a range-coded chunk written without version 5's extra adaptive bits (the version-3 layout). */
    static final int PLAIN_RANGE_CODED_VERSION = 3;
    /** Largest number of readings in one chunk. */
    public static final int MAX_COUNT = 1 << 27;

    static final int FLAG_SECONDS = 1;
    static final int FLAG_ENERGY = 2;
    static final int FLAG_PACKED = 4;
    /** Version 8: the body is {@link BlockColumns} (sealed hours). */
    static final int FLAG_BLOCKS = 8;
    private static final int BLOCKS_VERSION = 8;
    private static final int CHECKSUM_BYTES = 4;
    private static final int POWER_MODELS = TimestampColumn.MODEL_SIZE;
    private static final int ENERGY_MODELS = POWER_MODELS + ValueColumn.MODEL_SIZE;
    static final int MODEL_SIZE = ENERGY_MODELS + ValueColumn.MODEL_SIZE;

    private static final int POOLED = 4 * Runtime.getRuntime().availableProcessors();
    /**
     * Coder state, shared: a thread-local would be allocated anew (≈ 200 KB) for every request
     * of the server, whose handlers are virtual threads. Last in, first out, so one thread's
     * consecutive chunks meet the decoding tables they left.
     */
    private static final LinkedBlockingDeque<Scratch> SCRATCH = new LinkedBlockingDeque<>(POOLED);
    /** Buffers of {@link #read}. What does not fit a pool is left to the collector. */
    private static final LinkedBlockingDeque<DecodedChunk> DECODED = new LinkedBlockingDeque<>(POOLED);

    private ChunkCodec() {}

    /**
     * Encodes the first {@code count} entries.
     *
     * @param timestampsMs UTC epoch milliseconds, strictly increasing
     * @param powerMilliwatts power per reading, any value
     * @param energyMilliwattHours register per reading or {@link Reading#NO_ENERGY}; {@code null}
     *     when no reading has one (all-NO_ENERGY is stored as "none" and decodes to {@code null})
     * @throws IllegalArgumentException if count is out of range, an array is too short or
     *     timestamps are not strictly increasing
     */
    public static byte[] encode(long[] timestampsMs, long[] powerMilliwatts, long[] energyMilliwattHours, int count) {
        return encode(timestampsMs, powerMilliwatts, energyMilliwattHours, count, MODE);
    }

    /**
     * As {@link #encode}, in {@link BlockColumns} (unless a benchmark forces a layout): the fastest
     * layout to write and to read, and the largest (docs/benchmarks-codec.md, round 11). For chunks
     * the store rewrites within a day (its sealed hours, merged into a day chunk by {@link #encode}
     * once the day is over), where the write and the reads of the current day matter more than
     * their bytes.
     */
    public static byte[] encodeFast(long[] timestampsMs, long[] powerMilliwatts, long[] energyMilliwattHours, int count) {
        return encode(timestampsMs, powerMilliwatts, energyMilliwattHours, count, MODE == Mode.AUTO ? Mode.FAST : MODE);
    }

    /**
     * A meter on a fixed cadence whose power changes nearly every reading: packed columns code its
     * timestamps as one run and its small changes in a few bits each, and decode 1.1x faster than
     * blocks (docs/benchmarks-codec.md, round 11).
     */
    private static boolean isRegularAndDense(long[] timestampsMs, long[] power, int count) {
        if (count < 3) {
            return false;
        }
        long cadenceMs = timestampsMs[1] - timestampsMs[0];
        int changes = 0;
        for (int i = 1; i < count; i++) {
            if (timestampsMs[i] - timestampsMs[i - 1] != cadenceMs) {
                return false;
            }
            changes += power[i] != power[i - 1] ? 1 : 0;
        }
        return isDense(timestampsMs, count, changes);
    }

    /** {@link #encode} with the body layout chosen by {@code mode} (tests force each one). */
    static byte[] encode(long[] timestampsMs, long[] powerMilliwatts, long[] energyMilliwattHours, int count, Mode mode) {
        validate(timestampsMs, powerMilliwatts, energyMilliwattHours, count);
        Scratch scratch = take(SCRATCH, Scratch::new);
        try {
            return encode(scratch, timestampsMs, powerMilliwatts, energyMilliwattHours, count, mode);
        } finally {
            SCRATCH.offerFirst(scratch);
        }
    }

    private static byte[] encode(Scratch scratch, long[] timestampsMs, long[] powerMilliwatts, long[] energyMilliwattHours,
            int count, Mode mode) {
        long[] energy = count > 0 && hasEnergy(energyMilliwattHours, count) ? energyMilliwattHours : null;
        Units units = count == 0 ? null : Units.of(timestampsMs, powerMilliwatts, energy, count);
        if (mode == Mode.FAST) {
            mode = isRegularAndDense(timestampsMs, powerMilliwatts, count) ? Mode.PACKED : Mode.BLOCKS;
        }
        if (mode == Mode.BLOCKS) {
            ByteSink blocks = encodeBlocks(scratch, timestampsMs, powerMilliwatts, energy, count, units);
            appendChecksum(blocks);
            return blocks.toArray();
        }
        ByteSink out = mode == Mode.ADAPTIVE ? null : encodePacked(scratch, timestampsMs, powerMilliwatts, energy, count, units);
        double tolerance = PACKED_TOLERANCE;
        boolean tryRangeCoder = mode != Mode.PACKED;
        if (mode == Mode.AUTO && isDense(timestampsMs, count, scratch.powerChanges)) {
            tolerance = DENSE_PACKED_TOLERANCE;
            tryRangeCoder = sampledRangeCoderBytes(scratch, timestampsMs, powerMilliwatts, energyMilliwattHours, count) * tolerance
                    < out.size();
        }
        if (tryRangeCoder) {
            ByteSink adaptive = rangeCoded(scratch, timestampsMs, powerMilliwatts, energy, count, units);
            if (out == null || adaptive.size() * tolerance < out.size()) {
                out = adaptive;
            }
        }
        appendChecksum(out);
        return out.toArray();
    }

    /**
     * The range-coded chunk in version 7 or 6 where mixed run histories or run-history contexts
     * make the timestamps smallest (counted, each way), else in the version-5 layout; or in the version-3 layout
     * (first byte 3) where version 5's extra adaptive bits do not pay for their learning (days
     * with a few hundred changes): so no chunk is larger than version 3 made it, and where the
     * run-history contexts do not pay (GJW's active power) a chunk keeps its version-5 bytes.
     */
    private static ByteSink rangeCoded(Scratch scratch, long[] timestampsMs, long[] power, long[] energy, int count, Units units) {
        int refinedVersion = count > 0 ? runCoding(scratch, timestampsMs, count, units.unitMs()) : NO_RUN_HISTORY_VERSION;
        ByteSink refined = rangeCoded(scratch.sink, scratch.encoder, scratch, timestampsMs, power, energy, count, units,
                refinedVersion);
        if (count == 0) {
            return refined;
        }
        ByteSink plain = rangeCoded(scratch.plainSink, scratch.plainEncoder, scratch, timestampsMs, power, energy, count, units,
                PLAIN_RANGE_CODED_VERSION);
        return plain.size() < refined.size() ? plain : refined;
    }

    /**
     * The layout (5, 6 or 7) whose timestamp runs count the fewest bits; counted only where runs
     * after short deltas are common (a regular cadence, the 1 Hz meters, has one run).
     */
    private static int runCoding(Scratch scratch, long[] timestampsMs, int count, long unitMs) {
        if (!TimestampColumn.hasRunsAfterShortDeltas(timestampsMs, count, unitMs, Math.max(MIN_HISTORY_RUNS, count / 16))) {
            return NO_RUN_HISTORY_VERSION;
        }
        return TimestampColumn.cheapestRunCoding(timestampsMs, count, unitMs, scratch.models, scratch.historyModels,
                scratch.mixedModels, scratch.mixer(), scratch.counter, scratch.historyCounter, scratch.mixedCounter);
    }

    /** Fewer runs after short deltas than this cannot pay for learning version 6's or 7's contexts. */
    private static final int MIN_HISTORY_RUNS = 32;

    /** @param version of the range-coded layout: 3, 5, 6 or 7 */
    private static ByteSink rangeCoded(ByteSink out, BitCoder encoder, Scratch scratch, long[] timestampsMs, long[] power,
            long[] energy, int count, Units units, int version) {
        out.clear();
        out.put((byte) version);
        out.putVarint(count);
        if (count > 0) {
            encodeReadings(out, encoder, scratch, timestampsMs, power, energy, count, units, version);
        }
        return out;
    }

    /**
     * A dense chunk ({@link #isDense}: a meter whose value moves every second or two) is
     * range-coded only if the range coder, estimated on samples of it, promises to be
     * {@link #DENSE_PACKED_TOLERANCE} times smaller than the packed columns: where packed columns
     * win, the samples replace a second full encoding.
     */
    static final int DENSE_CHANGES = 1024;
    /** Sample blocks: {@value} readings long, one per this many readings of the chunk, 8 to 64 of them. */
    private static final int SAMPLE_BLOCK = 64;
    private static final int READINGS_PER_SAMPLE_BLOCK = 1024;
    private static final int MIN_SAMPLE_BLOCKS = 8;
    private static final int MAX_SAMPLE_BLOCKS = 64;
    /**
     * On dense chunks the range coder must be this much smaller: they are the 1 Hz meters whose
     * one-day query (86,400 readings in ≤ 5 ms) the decode speed bounds, and packed columns
     * decode them 5-7x faster. The noisy 1 Hz benchmark meter (range coder 5 % smaller) stays
     * packed; tracebase's appliance traces (range coder 1.4-2.5x smaller) do not
     * (docs/benchmarks-codec.md).
     */
    static final double DENSE_PACKED_TOLERANCE = 1.10;
    /**
     * More than {@link #DENSE_CHANGES} power changes per hour the chunk spans (at least one
     * hour): a meter that changes every second or two, not a change-only meter's day-long chunk.
     *
     * @param powerChanges readings whose power differs from the previous one's
     */
    static boolean isDense(long[] timestampsMs, int count, int powerChanges) {
        double hours = count == 0 ? 1 : Math.max(1, (timestampsMs[count - 1] - timestampsMs[0]) / 3_600_000.0);
        return powerChanges > DENSE_CHANGES * hours;
    }

    /**
     * The range coder's size (without checksum) on a dense chunk, estimated from two samples
     * spread over it (blocks of 32 and of 64 readings): their difference is the cost of readings
     * once the header is paid and the models have learnt, which a single sample would overstate
     * by 15-60 % on 3,600-reading chunks. An hour chunk gets 8 blocks (≈ a fifth of its
     * readings); a day chunk 64 (≈ 7 %): a day is what the store keeps, and with 8 blocks one
     * dense day of ../shared was kept packed at 1.33 × its range-coded size
     * (docs/benchmarks-codec.md).
     */
    static double sampledRangeCoderBytes(Scratch scratch, long[] timestampsMs, long[] power, long[] energy, int count) {
        int blocks = Math.clamp(count / READINGS_PER_SAMPLE_BLOCK, MIN_SAMPLE_BLOCKS, MAX_SAMPLE_BLOCKS);
        long small = sampleBytes(scratch, timestampsMs, power, energy, count, blocks, SAMPLE_BLOCK / 2);
        long large = sampleBytes(scratch, timestampsMs, power, energy, count, blocks, SAMPLE_BLOCK);
        double perReading = Math.max(0, large - small) / (blocks * SAMPLE_BLOCK / 2.0);
        return large + (count - blocks * SAMPLE_BLOCK) * perReading;
    }

    private static long sampleBytes(Scratch scratch, long[] timestampsMs, long[] power, long[] energy, int count, int blocks, int blockLength) {
        long[] sampleEnergy = energy == null ? null : scratch.sampleEnergy;
        for (int b = 0; b < blocks; b++) {
            int from = (int) ((long) (count - blockLength) * b / (blocks - 1));
            System.arraycopy(timestampsMs, from, scratch.sampleTimestamps, b * blockLength, blockLength);
            System.arraycopy(power, from, scratch.samplePower, b * blockLength, blockLength);
            if (energy != null) {
                System.arraycopy(energy, from, sampleEnergy, b * blockLength, blockLength);
            }
        }
        int sampleCount = blocks * blockLength;
        return rangeCodedBytes(scratch, scratch.sampleTimestamps, scratch.samplePower, sampleEnergy, sampleCount);
    }

    /**
     * Size of {@link #encode} in {@link Mode#ADAPTIVE} without the checksum: the header written
     * to the scratch sink, the body's ideal code length counted (within a few bytes of the coded
     * body; the sample comes from a validated chunk).
     */
    static long rangeCodedBytes(Scratch scratch, long[] timestampsMs, long[] power, long[] energyOrNull, int count) {
        long[] energy = hasEnergy(energyOrNull, count) ? energyOrNull : null;
        ByteSink header = rangeCoded(scratch.sink, scratch.counter, scratch, timestampsMs, power, energy, count,
                Units.of(timestampsMs, power, energy, count), NO_RUN_HISTORY_VERSION);
        return header.size() + scratch.counter.bytes();
    }

    /**
     * Decodes a chunk made by {@link #encode} into new arrays the caller owns.
     *
     * @throws CorruptChunkException if the checksum does not match, the chunk is truncated or
     *     its version or layout is unknown
     */
    public static DecodedChunk decode(byte[] chunk) {
        return decodeInto(chunk, new DecodedChunk());
    }

    /**
     * Decodes a chunk made by {@link #encode} into {@code out}, reusing its arrays (see
     * {@link DecodedChunk}); returns {@code out}.
     *
     * @throws CorruptChunkException as {@link #decode}; {@code out}'s contents are then undefined
     */
    public static DecodedChunk decodeInto(byte[] chunk, DecodedChunk out) {
        verifyChecksum(chunk);
        ChunkReader reader = new ChunkReader(chunk, chunk.length - CHECKSUM_BYTES);
        int version = reader.readByte();
        // version 1 = version 2 without packed columns; version 3 = version 2 with finer range-coder contexts;
        // version 5 = version 3 with more adaptive bits in the range coder (version 4: the packed path's);
        // version 6 = version 5 with run-history contexts for timestamps; version 7 = version 5 with mixed run histories
        if (version < 1 || version > FORMAT_VERSION) {
            throw new CorruptChunkException("unknown chunk format version " + version);
        }
        long count = reader.readVarint();
        if (count < 0 || count > MAX_COUNT) {
            throw new CorruptChunkException("chunk count out of range: " + count);
        }
        if (count == 0) {
            reader.requireEnd();
            out.reset(0, false);
            return out;
        }
        Scratch scratch = take(SCRATCH, Scratch::new);
        try {
            decodeReadings(scratch, reader, version, out, (int) count);
        } finally {
            SCRATCH.offerFirst(scratch);
        }
        return out;
    }

    /**
     * Decodes a chunk into a shared buffer and hands it to {@code reader}, for readers that only
     * look at the readings (filter, convert) and allocate nothing per chunk; the buffer is valid
     * only during the call.
     *
     * @throws CorruptChunkException as {@link #decode}
     */
    public static <R> R read(byte[] chunk, Function<DecodedChunk, R> reader) {
        DecodedChunk buffer = take(DECODED, DecodedChunk::new);
        try {
            return reader.apply(decodeInto(chunk, buffer));
        } finally {
            DECODED.offerFirst(buffer);
        }
    }

    private static <T> T take(LinkedBlockingDeque<T> pool, Supplier<T> create) {
        T pooled = pool.pollFirst();
        return pooled != null ? pooled : create.get();
    }

    /**
     * Packed columns decode 3-8x faster than the range coder, so a chunk keeps them unless the
     * range coder is more than this factor smaller. 1.05 moves noisy 1 Hz meters (every reading
     * a change; packed 4 % larger there) to packed columns while the real data sets' totals grow
     * by at most 0.5 % (docs/benchmarks-codec.md).
     */
    static final double PACKED_TOLERANCE = 1.05;

    /** The body layout of an encoded chunk, read from its header (benchmarks count them). */
    public enum Layout { EMPTY, RANGE_CODED, PACKED, BLOCKS }

    /** {@link Layout} of a chunk made by {@link #encode} or {@link #encodeFast}; the body is not read. */
    public static Layout layoutOf(byte[] chunk) {
        int position = 1; // after the version byte: the count varint, then the flags byte
        while (position < chunk.length && (chunk[position] & 0x80) != 0) {
            position++;
        }
        if (position + 1 >= chunk.length - CHECKSUM_BYTES) {
            return Layout.EMPTY;
        }
        int flags = chunk[position + 1];
        return (flags & FLAG_BLOCKS) != 0 ? Layout.BLOCKS : (flags & FLAG_PACKED) != 0 ? Layout.PACKED : Layout.RANGE_CODED;
    }

    /**
     * Which body layouts the encoder may choose: {@link #AUTO} the smallest (days), {@link #FAST}
     * blocks or, for a regular dense meter, packed columns (sealed hours); the others force one
     * layout (benchmarks and tests).
     */
    enum Mode { AUTO, FAST, PACKED, ADAPTIVE, BLOCKS }

    /** {@code -Dgridpulse.codec.mode=packed|adaptive} forces one layout, to benchmark each alone. */
    static final Mode MODE = Mode.valueOf(System.getProperty("gridpulse.codec.mode", "auto").toUpperCase(java.util.Locale.ROOT));

    /** Time unit and value scales of a chunk, computed once for both body layouts. */
    private record Units(long unitMs, long powerScale, long energyScale) {
        static Units of(long[] timestampsMs, long[] power, long[] energy, int count) {
            return new Units(allMultiplesOf(timestampsMs, count, 1000) ? 1000 : 1, ValueColumn.scaleOf(power, count),
                    energy == null ? 0 : ValueColumn.scaleOf(energy, count));
        }
    }

    private static ByteSink encodeBlocks(Scratch scratch, long[] timestampsMs, long[] power, long[] energy, int count, Units units) {
        ByteSink out = scratch.packedSink;
        if (putBitStreamHeader(out, BLOCKS_VERSION, FLAG_BLOCKS, timestampsMs, power, energy, count, units)) {
            BitSink bits = scratch.bits;
            bits.start();
            BlockColumns.encodeTimestamps(bits, scratch.blocks, timestampsMs, count, units.unitMs());
            BlockColumns.encodeValues(bits, scratch.blocks, power, count, units.powerScale());
            if (energy != null) {
                BlockColumns.encodeValues(bits, scratch.blocks, energy, count, units.energyScale());
            }
            bits.finish();
        }
        return out;
    }

    private static ByteSink encodePacked(Scratch scratch, long[] timestampsMs, long[] power, long[] energy, int count, Units units) {
        ByteSink out = scratch.packedSink;
        scratch.powerChanges = 0;
        if (putBitStreamHeader(out, PACKED_VERSION, FLAG_PACKED, timestampsMs, power, energy, count, units)) {
            BitSink bits = scratch.bits;
            bits.start();
            PackedColumns.encodeTimestamps(bits, scratch.code, scratch.events, timestampsMs, count, units.unitMs());
            scratch.powerChanges = PackedColumns.encodeValues(bits, scratch.code, scratch.events, power, count, units.powerScale());
            if (energy != null) {
                PackedColumns.encodeValues(bits, scratch.code, scratch.events, energy, count, units.energyScale());
            }
            bits.finish();
        }
        return out;
    }

    /**
     * Clears {@code out} and writes a bit-stream chunk's header (version, count, flags, first
     * timestamp, column scales and first values); returns whether a body follows (count > 0).
     */
    private static boolean putBitStreamHeader(ByteSink out, int version, int layoutFlag, long[] timestampsMs, long[] power,
            long[] energy, int count, Units units) {
        out.clear();
        out.put((byte) version);
        out.putVarint(count);
        if (count == 0) {
            return false;
        }
        long unitMs = units.unitMs();
        out.put((byte) (layoutFlag | (unitMs == 1000 ? FLAG_SECONDS : 0) | (energy != null ? FLAG_ENERGY : 0)));
        out.putVarint(zigzag(timestampsMs[0] / unitMs));
        putColumnStart(out, power, units.powerScale());
        if (energy != null) {
            putColumnStart(out, energy, units.energyScale());
        }
        return true;
    }

    private static void encodeReadings(ByteSink out, BitCoder encoder, Scratch scratch, long[] timestampsMs, long[] power,
            long[] energy, int count, Units units, int version) {
        boolean refined = version >= NO_RUN_HISTORY_VERSION;
        long unitMs = units.unitMs();
        out.put((byte) ((unitMs == 1000 ? FLAG_SECONDS : 0) | (energy != null ? FLAG_ENERGY : 0)));
        out.putVarint(zigzag(timestampsMs[0] / unitMs));
        long powerScale = putColumnStart(out, power, units.powerScale());
        long energyScale = energy == null ? 0 : putColumnStart(out, energy, units.energyScale());
        int[] models = scratch.models(energy != null);
        byte[] buckets = scratch.buckets(count);
        int streamStart = out.size();
        encoder.start();
        TimestampColumn.encode(encoder, models, scratch.mixerFor(version), timestampsMs, count, unitMs, buckets, version);
        ValueColumn.encode(encoder, models, POWER_MODELS, power, count, powerScale, buckets, refined);
        if (energy != null) {
            ValueColumn.encode(encoder, models, ENERGY_MODELS, energy, count, energyScale, buckets, refined);
        }
        encoder.finish(streamStart);
    }

    private static void decodeReadings(Scratch scratch, ChunkReader reader, int version, DecodedChunk out, int count) {
        boolean legacyContexts = version < 3;
        int flags = reader.readByte();
        int known = FLAG_SECONDS | FLAG_ENERGY | (version >= BLOCKS_VERSION ? FLAG_PACKED | FLAG_BLOCKS : FLAG_PACKED);
        if ((flags & ~known) != 0 || (flags & (FLAG_PACKED | FLAG_BLOCKS)) == (FLAG_PACKED | FLAG_BLOCKS)) {
            throw new CorruptChunkException("unknown chunk flags " + flags);
        }
        long unitMs = (flags & FLAG_SECONDS) != 0 ? 1000 : 1;
        boolean hasEnergy = (flags & FLAG_ENERGY) != 0;
        out.reset(count, hasEnergy);
        long[] timestampsMs = out.timestampsMs();
        long[] power = out.powerMilliwatts();
        long[] energy = out.energyMilliwattHours();
        timestampsMs[0] = unzigzag(reader.readVarint()) * unitMs;
        long powerScale = readColumnStart(reader, power);
        long energyScale = hasEnergy ? readColumnStart(reader, energy) : 0;
        if ((flags & (FLAG_PACKED | FLAG_BLOCKS)) != 0) {
            BitSource bits = scratch.bitSource;
            bits.start(reader.bytes(), reader.position(), reader.end());
            if ((flags & FLAG_BLOCKS) != 0) {
                BlockColumns.decodeTimestamps(bits, scratch.blocks, timestampsMs, count, unitMs);
                BlockColumns.decodeValues(bits, scratch.blocks, power, count, powerScale);
                if (hasEnergy) {
                    BlockColumns.decodeValues(bits, scratch.blocks, energy, count, energyScale);
                }
            } else {
                PackedColumns.decodeTimestamps(bits, scratch.code, timestampsMs, count, unitMs);
                PackedColumns.decodeValues(bits, scratch.code, scratch.powerEvents, power, count, powerScale, version);
                if (hasEnergy) {
                    PackedColumns.decodeValues(bits, scratch.code, scratch.energyEvents, energy, count, energyScale, version);
                }
            }
            if (bits.bytePosition() < reader.end()) {
                throw new CorruptChunkException("trailing bytes in chunk");
            }
            return;
        }
        int[] models = scratch.models(hasEnergy);
        byte[] buckets = scratch.buckets(count);
        RangeDecoder decoder = scratch.decoder;
        decoder.start(reader.bytes(), reader.position(), reader.end());
        TimestampColumn.decode(decoder, models, scratch.mixerFor(version), timestampsMs, count, unitMs, buckets, version);
        ValueColumn.decode(decoder, models, POWER_MODELS, power, count, powerScale, buckets, version);
        if (hasEnergy) {
            ValueColumn.decode(decoder, models, ENERGY_MODELS, energy, count, energyScale, buckets, version);
        }
    }

    /** Writes a value column's scale and first value; returns the scale. */
    private static long putColumnStart(ByteSink out, long[] values, long scale) {
        out.putVarint(scale);
        out.putVarint(zigzag(values[0] / scale));
        return scale;
    }

    private static long readColumnStart(ChunkReader reader, long[] values) {
        long scale = reader.readVarint();
        if (scale == 0) {
            throw new CorruptChunkException("zero column scale");
        }
        values[0] = unzigzag(reader.readVarint()) * scale;
        return scale;
    }

    private static void validate(long[] timestampsMs, long[] power, long[] energy, int count) {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be in [0, " + MAX_COUNT + "]: " + count);
        }
        if (timestampsMs.length < count || power.length < count || (energy != null && energy.length < count)) {
            throw new IllegalArgumentException("arrays shorter than count " + count);
        }
        for (int i = 1; i < count; i++) {
            if (timestampsMs[i] <= timestampsMs[i - 1]) {
                throw new IllegalArgumentException("timestamps not strictly increasing at index " + i);
            }
        }
    }

    private static boolean hasEnergy(long[] energy, int count) {
        if (energy == null) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (energy[i] != Reading.NO_ENERGY) {
                return true;
            }
        }
        return false;
    }

    private static boolean allMultiplesOf(long[] values, int count, long divisor) {
        Divisor multiple = new Divisor(divisor);
        for (int i = 0; i < count; i++) {
            if (!multiple.divides(Math.abs(values[i]))) { // |v| read unsigned: right for Long.MIN_VALUE too
                return false;
            }
        }
        return true;
    }

    private static void appendChecksum(ByteSink out) {
        CRC32C crc = new CRC32C();
        crc.update(out.buffer(), 0, out.size());
        out.putIntLittleEndian((int) crc.getValue());
    }

    private static void verifyChecksum(byte[] chunk) {
        if (chunk.length < 2 + CHECKSUM_BYTES) {
            throw new CorruptChunkException("chunk too short: " + chunk.length + " bytes");
        }
        int bodyLength = chunk.length - CHECKSUM_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(chunk, 0, bodyLength);
        int stored = (chunk[bodyLength] & 0xFF) | (chunk[bodyLength + 1] & 0xFF) << 8
                | (chunk[bodyLength + 2] & 0xFF) << 16 | (chunk[bodyLength + 3] & 0xFF) << 24;
        if (stored != (int) crc.getValue()) {
            throw new CorruptChunkException("chunk checksum mismatch (CRC32C)");
        }
    }

    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Per-thread reusable state: output buffer, coders, model probabilities, delta buckets. */
    static final class Scratch {
        final ByteSink sink = new ByteSink();
        final ByteSink packedSink = new ByteSink();
        final BitSink bits = new BitSink(packedSink);
        final BitSource bitSource = new BitSource();
        final EventTable powerEvents = new EventTable();
        final EventTable energyEvents = new EventTable();
        final PrefixCode code = new PrefixCode();
        final PackedColumns.Events events = new PackedColumns.Events();
        final BlockColumns.Scratch blocks = new BlockColumns.Scratch();
        final RangeEncoder encoder = new RangeEncoder(sink);
        /** The version-3 range coding of the same chunk, kept where it is smaller. */
        final ByteSink plainSink = new ByteSink();
        final RangeEncoder plainEncoder = new RangeEncoder(plainSink);
        final RangeDecoder decoder = new RangeDecoder();
        /** Sizes the dense-chunk samples without coding them. */
        final CodeLengthCounter counter = new CodeLengthCounter();
        /** The version-6 side of {@link TimestampColumn#cheapestRunCoding} (the version-5 side uses {@link #models}). */
        final int[] historyModels = new int[TimestampColumn.MODEL_SIZE];
        final CodeLengthCounter historyCounter = new CodeLengthCounter();
        /** Its version-7 side. */
        final int[] mixedModels = new int[TimestampColumn.MODEL_SIZE];
        final CodeLengthCounter mixedCounter = new CodeLengthCounter();
        /** Version 7's mixer (320 KB): made when a chunk first needs it. */
        private RunMixer mixer;
        final int[] models = new int[MODEL_SIZE];
        /** Power changes counted by the last packed encoding (the density of the chunk). */
        int powerChanges;
        final long[] sampleTimestamps = new long[MAX_SAMPLE_BLOCKS * SAMPLE_BLOCK];
        final long[] samplePower = new long[MAX_SAMPLE_BLOCKS * SAMPLE_BLOCK];
        final long[] sampleEnergy = new long[MAX_SAMPLE_BLOCKS * SAMPLE_BLOCK];
        byte[] buckets = new byte[4096];

        RunMixer mixer() {
            if (mixer == null) {
                mixer = new RunMixer();
            }
            return mixer;
        }

        /** The mixer a chunk of this format version codes its timestamps with: none before version 7. */
        RunMixer mixerFor(int version) {
            return version >= TimestampColumn.RUN_MIXER_VERSION ? mixer() : null;
        }

        int[] models(boolean withEnergy) {
            Arrays.fill(models, 0, withEnergy ? MODEL_SIZE : ENERGY_MODELS, AdaptiveBits.INITIAL);
            return models;
        }

        byte[] buckets(int count) {
            if (buckets.length < count) {
                buckets = new byte[Math.max(count, buckets.length * 2)];
            }
            return buckets;
        }
    }
}
