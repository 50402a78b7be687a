package io.gridpulse.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads where the intact records of one RocksDB WAL file end. A recycled file holds a previous
 * log's records after the new ones, so its length says nothing about where the data written to
 * it ends; the crash harness and the torn-tail tests need that end to simulate a torn last write.
 *
 * <p>Format (RocksDB {@code db/log_format.h}): 32 KiB blocks of physical records, each
 * {@code [masked crc32c:4][length:2][type:1]}, plus {@code [log number:4]} for the recyclable
 * types, then the payload; a block's last bytes too short for a header are padding. The CRC covers
 * the type, the log number (when present) and the payload. A record of another log number, a
 * zero type or a CRC mismatch ends the intact part.
 */
public final class WalFile {
    private static final int BLOCK = 32 * 1024;
    private static final int HEADER = 7;
    private static final int RECYCLABLE_HEADER = 11;
    private static final int MASK_DELTA = 0xa282ead8;

    /**
     * @param lastRecordStart offset of the last intact physical record's header (0 when none)
     * @param end offset just past it: where the data written to this log ends
     */
    public record Tail(long lastRecordStart, long end) {}

    private WalFile() {}

    /** Whether {@code file} is a WAL file, named {@code <log number>.log}. */
    public static boolean isWal(Path file) {
        return file.getFileName().toString().matches("\\d+\\.log");
    }

    /** The log number in a WAL file's name. */
    public static long logNumber(Path wal) {
        String name = wal.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }

    /** The intact records of the WAL file {@code file}. */
    public static Tail tail(Path file) throws IOException {
        int logNumber = (int) logNumber(file);
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long lastStart = 0;
        long end = 0;
        int pos = 0;
        while (pos + HEADER <= in.limit()) {
            int blockLeft = BLOCK - pos % BLOCK;
            // Padding at a block's end: fewer bytes than a header (a type read there would lie in
            // the next block), or zeros where a recyclable header does not fit.
            if (blockLeft < HEADER || in.get(pos + 6) == 0 && blockLeft < RECYCLABLE_HEADER) {
                pos += blockLeft;
                continue;
            }
            int type = in.get(pos + 6) & 0xFF;
            boolean recyclable = type >= 5 && type <= 8 || type >= 10 && (type & 1) == 1;
            int header = recyclable ? RECYCLABLE_HEADER : HEADER;
            int length = in.getShort(pos + 4) & 0xFFFF;
            if (type == 0 || header + length > blockLeft || pos + header + length > in.limit()
                    || recyclable && in.getInt(pos + HEADER) != logNumber || !crcMatches(in, pos, header, length)) {
                break;
            }
            lastStart = pos;
            pos += header + length;
            end = pos;
        }
        return new Tail(lastStart, end);
    }

    private static boolean crcMatches(ByteBuffer in, int pos, int header, int length) {
        CRC32C crc = new CRC32C();
        crc.update(in.array(), pos + 6, header - 6 + length); // type, log number, payload
        int value = (int) crc.getValue();
        int masked = (value >>> 15 | value << 17) + MASK_DELTA;
        return in.getInt(pos) == masked;
    }
}
