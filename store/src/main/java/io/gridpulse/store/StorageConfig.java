package io.gridpulse.store;

import java.nio.file.Path;

/**
 * Settings of the embedded store, validated at construction.
 *
 * @param dataDir folder of the store's files (created if missing)
 * @param gapLimitMs how long a power value is held when integrating energy: a longer silence is a gap
 * @param registerGapLimitMs longest interval over which two energy-register readings are trusted
 * @param sealDelayMs an hour is sealed into a compressed chunk once it ended this long ago
 * @param maxWalBytes once the write-ahead log files hold this much, the data they cover is flushed
 *     so the oldest file can be reused for new writes (WAL recycling)
 */
public record StorageConfig(Path dataDir, long gapLimitMs, long registerGapLimitMs, long sealDelayMs,
        long maxWalBytes) {
    public static final long DEFAULT_GAP_LIMIT_MS = 5 * 60_000L;
    public static final long DEFAULT_REGISTER_GAP_LIMIT_MS = 7 * 86_400_000L;
    public static final long DEFAULT_SEAL_DELAY_MS = 2 * 60_000L;
    public static final long DEFAULT_MAX_WAL_BYTES = 256L << 20;

    public StorageConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir is required");
        }
        if (gapLimitMs <= 0 || registerGapLimitMs <= 0 || sealDelayMs < 0 || maxWalBytes <= 0) {
            throw new IllegalArgumentException("gap limits and maxWalBytes must be > 0 and sealDelayMs >= 0");
        }
    }

    public static StorageConfig defaults(Path dataDir) {
        return new StorageConfig(dataDir, DEFAULT_GAP_LIMIT_MS, DEFAULT_REGISTER_GAP_LIMIT_MS, DEFAULT_SEAL_DELAY_MS,
                DEFAULT_MAX_WAL_BYTES);
    }

    public StorageConfig withMaxWalBytes(long bytes) {
        return new StorageConfig(dataDir, gapLimitMs, registerGapLimitMs, sealDelayMs, bytes);
    }
}
