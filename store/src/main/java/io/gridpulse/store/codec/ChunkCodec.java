package io.gridpulse.store.codec;

import io.gridpulse.core.Reading;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Encodes one meter's readings of a time span (typically an hour) into a compact, checksummed
 * byte array: timestamps as zigzag varint delta-of-delta, power and energy as zigzag varint
 * deltas. Format: [version=1][count varint][columns...][crc32c 4 bytes].
 */
public final class ChunkCodec {
    private static final int VERSION = 1;

    private ChunkCodec() {}

    /** Encodes the first {@code count} entries; timestamps strictly increasing. */
    public static byte[] encode(long[] timestampsMs, long[] powerMilliwatts, long[] energyMilliwattHours, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 2 + 16);
        out.write(VERSION);
        writeVarLong(out, count);
        boolean hasEnergy = energyMilliwattHours != null;
        out.write(hasEnergy ? 1 : 0);
        long prevTs = 0;
        long prevDelta = 0;
        long prevPower = 0;
        long prevEnergy = 0;
        for (int i = 0; i < count; i++) {
            long delta = timestampsMs[i] - prevTs;
            writeVarLong(out, zigzag(delta - prevDelta));
            prevDelta = delta;
            prevTs = timestampsMs[i];
            writeVarLong(out, zigzag(powerMilliwatts[i] - prevPower));
            prevPower = powerMilliwatts[i];
            if (hasEnergy) {
                writeVarLong(out, zigzag(energyMilliwattHours[i] - prevEnergy));
                prevEnergy = energyMilliwattHours[i];
            }
        }
        byte[] body = out.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
    }

    public static DecodedChunk decode(byte[] chunk) {
        if (chunk.length < 6) {
            throw new CorruptChunkException("chunk too short: " + chunk.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(chunk, 0, chunk.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(chunk, chunk.length - 4, 4).getInt()) {
            throw new CorruptChunkException("chunk checksum mismatch");
        }
        ByteBuffer in = ByteBuffer.wrap(chunk, 0, chunk.length - 4);
        if (in.get() != VERSION) {
            throw new CorruptChunkException("unknown chunk version");
        }
        int count = (int) readVarLong(in);
        boolean hasEnergy = in.get() == 1;
        long[] ts = new long[count];
        long[] power = new long[count];
        long[] energy = hasEnergy ? new long[count] : null;
        long prevTs = 0;
        long prevDelta = 0;
        long prevPower = 0;
        long prevEnergy = 0;
        for (int i = 0; i < count; i++) {
            prevDelta += unzigzag(readVarLong(in));
            prevTs += prevDelta;
            ts[i] = prevTs;
            prevPower += unzigzag(readVarLong(in));
            power[i] = prevPower;
            if (hasEnergy) {
                prevEnergy += unzigzag(readVarLong(in));
                energy[i] = prevEnergy;
            }
        }
        return new DecodedChunk(ts, power, energy, count);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVarLong(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarLong(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new CorruptChunkException("chunk truncated");
            }
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptChunkException("varint too long");
    }

    static boolean hasNoEnergy(long energy) {
        return energy == Reading.NO_ENERGY;
    }
}
