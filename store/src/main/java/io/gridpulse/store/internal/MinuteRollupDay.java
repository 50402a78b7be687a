package io.gridpulse.store.internal;

import io.gridpulse.core.Rollup;
import io.gridpulse.store.codec.ChunkCodec;
import io.gridpulse.store.codec.CorruptChunkException;
import io.gridpulse.store.codec.DecodedChunk;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One meter's 1-minute rollup rows of one past UTC day as one value (store format 8, column family
 * {@code minuteDays}): six integer columns, each coded by our chunk codec as if it were a power
 * series. As separate 48-byte rows the minutes of a day cost more than the day's readings
 * (≈ 1.1 B per reading of a 1 Hz meter before LZ4, against the codec's 0.04–0.7).
 *
 * <p>The columns are transformed so that what the codec sees is small or repeats: samples and
 * covered time (constant for a steady meter), the sum of the samples, min and max as distances
 * below and above the mean sample, and energy as its difference from mean power held over the
 * covered time; min, max and energy each stay as they are where that codes smaller. Every
 * transform is undone exactly with wrapping long arithmetic, so any row round-trips.
 *
 * <p>Value: {@code [version = 1][count: varint][flags: 1]}, then six chunks, each {@code [length:
 * varint][chunk]} (each checksummed by the codec): bucket starts with samples, then (on a
 * synthetic one-second clock that codes as a single run) covered ms, sum, below-mean (flags bit 1:
 * min), above-mean (bit 2: max), energy residual (bit 0: energy).
 */
public final class MinuteRollupDay {
    private static final int VERSION = 1;
    private static final int COLUMNS = 6;
    private static final int MIN = 3;
    private static final int MAX = 4;
    private static final int ENERGY = 5;
    /** Flags: bit 0 the energy column, bit 1 min, bit 2 max hold the value itself, not its transform. */
    private static final int ALL_FLAGS = 7;

    private MinuteRollupDay() {}

    /** Rows in bucket order, none empty. */
    public static byte[] encode(List<Rollup> rows) {
        int n = rows.size();
        long[] starts = new long[n];
        long[] clock = new long[n];
        long[][] columns = new long[COLUMNS][n];
        double previousPower = 0;
        for (int i = 0; i < n; i++) {
            Rollup r = rows.get(i);
            starts[i] = r.bucketStartMs();
            clock[i] = i * 1000L;
            long mean = Math.floorDiv(r.sumPowerMilliwatts(), Math.max(1, r.samples()));
            columns[0][i] = r.samples();
            columns[1][i] = r.coveredMs();
            columns[2][i] = r.sumPowerMilliwatts();
            columns[MIN][i] = r.samples() > 0 ? mean - r.minPowerMilliwatts() : r.minPowerMilliwatts() - Long.MAX_VALUE;
            columns[MAX][i] = r.samples() > 0 ? r.maxPowerMilliwatts() - mean : r.maxPowerMilliwatts() - Long.MIN_VALUE;
            double power = meanPower(r.sumPowerMilliwatts(), r.samples(), previousPower);
            columns[ENERGY][i] = r.energyNanowattHours() - heldEnergy(power, r.coveredMs());
            previousPower = power;
        }
        byte[][] chunks = new byte[COLUMNS][];
        for (int c = 0; c < COLUMNS; c++) {
            chunks[c] = ChunkCodec.encode(c == 0 ? starts : clock, columns[c], null, n);
        }
        // Each of min, max and energy also as it is, kept where that codes smaller (flags): a 1 Hz
        // meter's min and max often stay put while its mean moves (GJW filled: half the bytes),
        // and a register that disagrees with the power (it counts another circuit, or only
        // import) leaves energy residuals as large as the energy itself.
        int flags = 0;
        for (int c = MIN; c <= ENERGY; c++) {
            long[] plain = new long[n];
            for (int i = 0; i < n; i++) {
                plain[i] = plainValue(rows.get(i), c);
            }
            byte[] chunk = ChunkCodec.encode(clock, plain, null, n);
            if (chunk.length < chunks[c].length) {
                chunks[c] = chunk;
                flags |= plainFlag(c);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + n * 4);
        out.write(VERSION);
        writeVarint(out, n);
        out.write(flags);
        for (byte[] chunk : chunks) {
            writeVarint(out, chunk.length);
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    public static List<Rollup> decode(byte[] value) {
        try {
            return decode(ByteBuffer.wrap(value));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptChunkException("minute rollup day: truncated or malformed (" + e + ")");
        }
    }

    private static List<Rollup> decode(ByteBuffer in) {
        int version = in.get();
        if (version != VERSION) {
            throw new CorruptChunkException("minute rollup day of unknown version " + version);
        }
        int n = (int) Varints.read(in);
        int flags = in.get();
        if ((flags & ~ALL_FLAGS) != 0) {
            throw new CorruptChunkException("minute rollup day: unknown flags " + flags);
        }
        long[] starts = null;
        long[][] columns = new long[COLUMNS][];
        for (int c = 0; c < COLUMNS; c++) {
            long length = Varints.read(in);
            if (length < 0 || length > in.remaining()) {
                throw new CorruptChunkException("minute rollup day: column " + c + " runs past the value's end");
            }
            byte[] chunk = new byte[(int) length];
            in.get(chunk);
            DecodedChunk decoded = ChunkCodec.decode(chunk);
            if (decoded.count() != n) {
                throw new CorruptChunkException("minute rollup day: column " + c + " holds " + decoded.count()
                        + " rows, not " + n);
            }
            if (c == 0) {
                starts = decoded.timestampsMs();
            }
            columns[c] = decoded.powerMilliwatts();
        }
        List<Rollup> rows = new ArrayList<>(n);
        double previousPower = 0;
        for (int i = 0; i < n; i++) {
            long samples = columns[0][i];
            long covered = columns[1][i];
            long sum = columns[2][i];
            long mean = Math.floorDiv(sum, Math.max(1, samples));
            long min = (flags & plainFlag(MIN)) != 0 ? columns[MIN][i]
                    : samples > 0 ? mean - columns[MIN][i] : columns[MIN][i] + Long.MAX_VALUE;
            long max = (flags & plainFlag(MAX)) != 0 ? columns[MAX][i]
                    : samples > 0 ? columns[MAX][i] + mean : columns[MAX][i] + Long.MIN_VALUE;
            double power = meanPower(sum, samples, previousPower);
            long energy = (flags & plainFlag(ENERGY)) != 0 ? columns[ENERGY][i] : columns[ENERGY][i] + heldEnergy(power, covered);
            rows.add(new Rollup(starts[i], energy, min, max, sum, samples, covered));
            previousPower = power;
        }
        return rows;
    }

    private static int plainFlag(int column) {
        return column == ENERGY ? 1 : column == MIN ? 2 : 4;
    }

    private static long plainValue(Rollup r, int column) {
        return column == ENERGY ? r.energyNanowattHours() : column == MIN ? r.minPowerMilliwatts() : r.maxPowerMilliwatts();
    }

    /**
     * The power a row's energy is predicted from: its sample mean, or for a minute without samples
     * (covered by power held from a reading before it) the previous row's. (The previous row's
     * time-weighted power measured 5–7 % larger on GJW as logged.)
     */
    private static double meanPower(long sum, long samples, double previousPower) {
        return samples > 0 ? (double) sum / samples : previousPower;
    }

    /**
     * Power held over the covered time, in nWh (mW × ms / 3.6): what the energy nearly is. Double
     * arithmetic is exact IEEE in Java and the cast saturates, so the prediction is the same at
     * decode and any row round-trips.
     */
    private static long heldEnergy(double powerMilliwatts, long coveredMs) {
        return (long) (powerMilliwatts * coveredMs / 3.6);
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
