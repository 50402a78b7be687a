package io.gridpulse.store;

import io.gridpulse.store.internal.RocksDatabase;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Small durable key-value records (meters, API keys, settings) kept beside the readings.
 * Keys are strings with '/'-separated prefixes; every write is fsync'd.
 */
public final class Metadata {
    private final RocksDatabase db;

    Metadata(RocksDatabase db) {
        this.db = db;
    }

    public byte[] get(String key) {
        return db.use(() -> db.get(db.meta, bytes(key)));
    }

    public void put(String key, byte[] value) {
        putAll(Map.of(key, value));
    }

    /** Writes all records at once: one fsync, and after a crash either all of them or none. */
    public void putAll(Map<String, byte[]> records) {
        db.useForWrite(() -> {
            try (WriteBatch batch = new WriteBatch()) {
                for (Map.Entry<String, byte[]> record : records.entrySet()) {
                    batch.put(db.meta, bytes(record.getKey()), record.getValue());
                }
                db.write(batch);
            } catch (org.rocksdb.RocksDBException e) {
                throw new io.gridpulse.core.StorageException("cannot write " + records.keySet(), false, e);
            }
            return null;
        });
    }

    public void delete(String key) {
        db.useForWrite(() -> {
            try (WriteBatch batch = new WriteBatch()) {
                batch.delete(db.meta, bytes(key));
                db.write(batch);
            } catch (org.rocksdb.RocksDBException e) {
                throw new io.gridpulse.core.StorageException("cannot delete " + key, false, e);
            }
            return null;
        });
    }

    /** All records whose key starts with {@code prefix}, in key order. */
    public Map<String, byte[]> scan(String prefix) {
        return db.use(() -> scanOpen(prefix));
    }

    private Map<String, byte[]> scanOpen(String prefix) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (RocksIterator it = db.iterator(db.meta)) {
            for (it.seek(bytes(prefix)); it.isValid(); it.next()) {
                String key = new String(it.key(), StandardCharsets.UTF_8);
                if (!key.startsWith(prefix)) {
                    break;
                }
                out.put(key, it.value());
            }
        }
        return out;
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
