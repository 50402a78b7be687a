package io.gridpulse.store;

import io.gridpulse.core.Reading;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** Feeds readings as a live meter would for store tests: random batch sizes, the clock just past each batch, a sealing pass every 3 hours of data. */
final class LiveLoad {
    private static final long PASS_EVERY_MS = 3 * 3_600_000L;

    private LiveLoad() {}

    /** Batches of 1 to {@code maxBatch} readings given to {@code append}; {@code pass} runs a sealing pass. */
    static void feed(List<Reading> readings, Random random, int maxBatch, ReadingStoreTest.MutableClock clock,
            Consumer<List<Reading>> append, Runnable pass) {
        long lastPass = clock.millis();
        for (int i = 0; i < readings.size(); ) {
            int end = Math.min(readings.size(), i + 1 + random.nextInt(maxBatch));
            List<Reading> batch = readings.subList(i, end);
            clock.set(batch.get(batch.size() - 1).timestampMs() + 1_000);
            append.accept(batch);
            if (clock.millis() - lastPass > PASS_EVERY_MS) {
                pass.run();
                lastPass = clock.millis();
            }
            i = end;
        }
    }
}
