package io.gridpulse.store.internal;

import java.nio.ByteBuffer;

/** Big-endian binary keys, so that RocksDB's byte order equals (meter, level, time) order. */
public final class Keys {
    private Keys() {}

    /** [meterKey][timestampMs]: head readings and chunks (chunk key = hour start). */
    public static byte[] meterTime(long meterKey, long timestampMs) {
        return ByteBuffer.allocate(16).putLong(meterKey).putLong(timestampMs).array();
    }

    /** [meterKey][level][bucketStartMs]: rollup rows. */
    public static byte[] rollup(long meterKey, int level, long bucketStartMs) {
        return ByteBuffer.allocate(17).putLong(meterKey).put((byte) level).putLong(bucketStartMs).array();
    }

    public static long meterOf(byte[] key) {
        return ByteBuffer.wrap(key, 0, 8).getLong();
    }

    public static long timeOf(byte[] meterTimeKey) {
        return ByteBuffer.wrap(meterTimeKey, 8, 8).getLong();
    }

    /** As {@link #meterOf(byte[])}, for a key read into a buffer (from index 0). */
    public static long meterOf(ByteBuffer key) {
        return key.getLong(0);
    }

    public static long rollupTimeOf(ByteBuffer rollupKey) {
        return rollupKey.getLong(9);
    }

    public static int rollupLevelOf(ByteBuffer rollupKey) {
        return rollupKey.get(8);
    }
}
