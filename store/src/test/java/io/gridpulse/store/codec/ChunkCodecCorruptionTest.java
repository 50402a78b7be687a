package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.StorageException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** A damaged chunk is always reported, never decoded into wrong readings. */
class ChunkCodecCorruptionTest {
    private static final long SEED = Long.getLong("codec.seed", System.nanoTime());

    @Test
    void flippingAnyBitOfAnyByteIsDetected() {
        System.out.println("ChunkCodecCorruptionTest seed " + SEED);
        for (int c = 0; c < 20; c++) {
            SplittableRandom random = new SplittableRandom(SEED + c);
            byte[] chunk = sampleChunk(random);
            for (int i = 0; i < chunk.length; i++) {
                byte[] damaged = chunk.clone();
                damaged[i] ^= (byte) (1 << random.nextInt(8));
                assertCorrupt(damaged, "seed " + (SEED + c) + " byte " + i);
            }
        }
    }

    @Test
    void replacingAnyByteIsDetected() {
        byte[] chunk = sampleChunk(new SplittableRandom(SEED));
        for (int i = 0; i < chunk.length; i++) {
            for (int value = 0; value < 256; value += 37) {
                if ((byte) value != chunk[i]) {
                    byte[] damaged = chunk.clone();
                    damaged[i] = (byte) value;
                    assertCorrupt(damaged, "byte " + i + " := " + value);
                }
            }
        }
    }

    @Test
    void truncatedChunksAreDetected() {
        byte[] chunk = sampleChunk(new SplittableRandom(SEED));
        for (int length = 0; length < chunk.length; length++) {
            assertCorrupt(Arrays.copyOf(chunk, length), "truncated to " + length);
        }
    }

    @Test
    void unknownVersionWithValidChecksumIsRejected() {
        byte[] chunk = sampleChunk(new SplittableRandom(SEED));
        chunk[0] = (byte) (ChunkCodec.FORMAT_VERSION + 1);
        assertCorrupt(withFreshChecksum(chunk), "version " + (ChunkCodec.FORMAT_VERSION + 1));
    }

    @Test
    void unknownFlagsWithValidChecksumAreRejected() {
        byte[] chunk = ChunkCodec.encode(new long[] {1000, 2000}, new long[] {1, 2}, null, 2);
        chunk[2] |= (byte) 0x80;
        assertCorrupt(withFreshChecksum(chunk), "flags");
    }

    @Test
    void corruptionIsAStorageErrorButNotOutOfSpace() {
        try {
            ChunkCodec.decode(new byte[] {1, 2, 3});
        } catch (CorruptChunkException e) {
            org.assertj.core.api.Assertions.assertThat((StorageException) e).extracting(StorageException::outOfSpace).isEqualTo(false);
            return;
        }
        throw new AssertionError("expected CorruptChunkException");
    }

    private static byte[] sampleChunk(SplittableRandom random) {
        ChunkCodecRoundTripTest.Columns columns;
        do {
            columns = ChunkCodecRoundTripTest.generate(ChunkCodecRoundTripTest.Shape.ENERGY_MIXED, random);
        } while (columns.timestamps().length < 2 || columns.timestamps().length > 400);
        return ChunkCodec.encode(columns.timestamps(), columns.power(), columns.energy(), columns.timestamps().length);
    }

    private static void assertCorrupt(byte[] chunk, String description) {
        assertThatThrownBy(() -> ChunkCodec.decode(chunk)).as(description).isInstanceOf(CorruptChunkException.class);
    }

    /**
     * Flips one bit in the body (after the first {@code headerEnd} bytes) of {@code rounds} chunks
     * from {@code chunks}, behind a fresh checksum, and decodes each: a damaged body must fail only
     * with CorruptChunkException or decode to something, never another exception or a hang.
     *
     * @return how many were rejected
     */
    static int rejectedDamagedBodies(SplittableRandom random, int rounds, int headerEnd, Supplier<byte[]> chunks) {
        int rejected = 0;
        for (int c = 0; c < rounds; c++) {
            byte[] chunk = chunks.get();
            int position = random.nextInt(Math.min(headerEnd, chunk.length - 5), chunk.length - 4);
            chunk[position] ^= (byte) (1 << random.nextInt(8));
            try {
                ChunkCodec.decode(withFreshChecksum(chunk));
            } catch (CorruptChunkException expected) {
                rejected++;
            }
        }
        return rejected;
    }

    /** The chunk with its CRC32C recomputed: damage a checksum cannot catch. */
    static byte[] withFreshChecksum(byte[] chunk) {
        int body = chunk.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(chunk, 0, body);
        int value = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            chunk[body + i] = (byte) (value >>> (8 * i));
        }
        return chunk;
    }
}
