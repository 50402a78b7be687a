package io.gridpulse.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a WAL file's intact records end, on files laid out as RocksDB writes them. */
class WalFileTest {
    private static final int BLOCK = 32 * 1024;
    private static final int LOG = 12;

    @TempDir
    Path dir;

    @Test
    void recordsAfterABlockEndTooShortForAHeaderAreRead() throws IOException {
        ByteArrayOutputStream wal = new ByteArrayOutputStream();
        int firstPayload = BLOCK - 11 - 3; // leaves 3 bytes of padding before the next block
        wal.write(record(LOG, firstPayload));
        wal.write(new byte[3]);
        wal.write(record(LOG, 100));
        Path file = write(wal.toByteArray());

        assertThat(WalFile.tail(file)).isEqualTo(new WalFile.Tail(BLOCK, BLOCK + 11 + 100));
    }

    @Test
    void aPreviousLogsRecordOrADamagedOneEndsTheIntactPart() throws IOException {
        ByteArrayOutputStream wal = new ByteArrayOutputStream();
        wal.write(record(LOG, 40));
        wal.write(record(LOG, 50));
        wal.write(record(LOG - 1, 60)); // what a recycled file still holds
        Path recycled = write(wal.toByteArray());
        assertThat(WalFile.tail(recycled)).isEqualTo(new WalFile.Tail(51, 51 + 61));

        byte[] damaged = wal.toByteArray();
        damaged[51 + 11 + 20] ^= 1;
        assertThat(WalFile.tail(write(damaged))).isEqualTo(new WalFile.Tail(0, 51));
    }

    /** A recyclable full record (type 5): masked CRC32C over type, log number and payload. */
    private static byte[] record(int logNumber, int payloadBytes) {
        ByteBuffer r = ByteBuffer.allocate(11 + payloadBytes).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt(0).putShort((short) payloadBytes).put((byte) 5).putInt(logNumber);
        for (int i = 0; i < payloadBytes; i++) {
            r.put((byte) (i * 7 + 1));
        }
        CRC32C crc = new CRC32C();
        crc.update(r.array(), 6, 5 + payloadBytes);
        int value = (int) crc.getValue();
        r.putInt(0, (value >>> 15 | value << 17) + 0xa282ead8);
        return r.array();
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = dir.resolve(String.format("%06d.log", LOG));
        Files.write(file, bytes);
        return file;
    }
}
