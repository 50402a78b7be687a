package io.gridpulse.bench.fuzz;

import io.gridpulse.core.Reading;
import io.gridpulse.store.codec.ChunkCodec;
import io.gridpulse.store.codec.CorruptChunkException;
import io.gridpulse.store.codec.DecodedChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The chunk decoder on damaged chunks: every layout (range-coded, packed, blocks; with and
 * without an energy register), bytes mutated, and for every other input the checksum made to fit
 * again so the body's own checks are reached. A chunk must decode or be refused as corrupt; a
 * chunk that decodes must keep its header's count.
 */
final class ChunkDecodeTarget implements FuzzTarget {
    /** The decoder allocates the count the (checksummed) header states; beyond this a mutated count would only test the heap. */
    private static final long MAX_FUZZED_COUNT = 1 << 20;
    private int fixChecksum;

    @Override
    public String name() {
        return "chunk-decode";
    }

    @Override
    public List<byte[]> seeds() {
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> seeds = new ArrayList<>();
        for (int shape = 0; shape < 4; shape++) {
            int count = shape == 3 ? 40 : 1_200;
            long[] ts = new long[count];
            long[] power = new long[count];
            long[] energy = new long[count];
            long t = Outcome.SEED_DAY_MS;
            long p = 350_000;
            long e = 1_000_000;
            for (int i = 0; i < count; i++) {
                t += switch (shape) {
                    case 0 -> 1_000L * (1 + random.nextInt(30)); // change-only meter
                    case 3 -> 1 + random.nextInt(900); // millisecond timestamps
                    default -> 1_000L; // 1 Hz
                };
                p = shape == 2 && random.nextInt(10) > 0 ? p : Math.max(0, p + 1_000L * (random.nextInt(201) - 100));
                e += p / 3_600;
                ts[i] = t;
                power[i] = p;
                energy[i] = shape == 1 ? Reading.NO_ENERGY : e;
            }
            seeds.add(ChunkCodec.encode(ts, power, energy, count));
            seeds.add(ChunkCodec.encodeFast(ts, power, energy, count));
        }
        return seeds;
    }

    @Override
    public void check(byte[] input) {
        byte[] chunk = (fixChecksum++ & 1) == 0 ? withChecksum(input) : input;
        long count = headerCount(chunk);
        if (count > MAX_FUZZED_COUNT) {
            return;
        }
        DecodedChunk decoded;
        try {
            decoded = ChunkCodec.decode(chunk);
        } catch (CorruptChunkException e) {
            return;
        }
        if (decoded.count() != count) {
            throw new FuzzFinding("count: header says " + count + ", decoded " + decoded.count());
        }
    }

    /** The chunk with its last four bytes replaced by the CRC32C of the rest, little-endian. */
    private static byte[] withChecksum(byte[] input) {
        if (input.length < 5) {
            return input;
        }
        byte[] chunk = input.clone();
        CRC32C crc = new CRC32C();
        crc.update(chunk, 0, chunk.length - 4);
        long value = crc.getValue();
        for (int i = 0; i < 4; i++) {
            chunk[chunk.length - 4 + i] = (byte) (value >>> (8 * i));
        }
        return chunk;
    }

    /** The varint after the version byte, or −1 when there is none. */
    private static long headerCount(byte[] chunk) {
        long value = 0;
        for (int i = 1, shift = 0; i < chunk.length && shift < 63; i++, shift += 7) {
            value |= (long) (chunk[i] & 0x7F) << shift;
            if ((chunk[i] & 0x80) == 0) {
                return value;
            }
        }
        return -1;
    }
}
