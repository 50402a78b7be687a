package io.gridpulse.store.internal;

import io.gridpulse.core.StorageException;
import io.gridpulse.store.RollupLevel;
import java.nio.ByteBuffer;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Opening a folder of format 5 or older: its hourly rollup rows move from {@code rollups} into
 * {@code hourRollups}. Each batch puts and deletes the same rows in one write, so after a crash
 * midway every row is in exactly one place, and the next open moves the rest.
 */
public final class HourRollupsMove {
    private static final int ROWS_PER_WRITE = 10_000;
    private static final int HOUR = RollupLevel.HOUR.id();

    private HourRollupsMove() {}

    /** Returns the number of rows moved. */
    public static long run(RocksDatabase db) {
        return db.useForWrite(() -> {
            long moved = 0;
            try (RocksIterator it = db.iterator(db.rollups); WriteBatch batch = new WriteBatch()) {
                it.seekToFirst();
                while (it.isValid()) {
                    byte[] key = it.key();
                    long meter = Keys.meterOf(key);
                    int level = Keys.rollupLevelOf(ByteBuffer.wrap(key));
                    if (level < HOUR) { // finer rows sort first: skip to the meter's hourly ones
                        it.seek(Keys.rollup(meter, HOUR, 0));
                    } else if (level > HOUR) {
                        it.seek(Keys.rollup(meter + 1, 0, 0));
                    } else {
                        batch.put(db.hourRollups, key, it.value());
                        batch.delete(db.rollups, key);
                        if (++moved % ROWS_PER_WRITE == 0) {
                            db.write(batch);
                            batch.clear();
                        }
                        it.next();
                    }
                }
                it.status();
                if (batch.count() > 0) {
                    db.write(batch);
                }
            } catch (RocksDBException e) {
                throw new StorageException("cannot move hourly rollups to their own column family: " + e.getMessage(),
                        false, e);
            }
            return moved;
        });
    }
}
