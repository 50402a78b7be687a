package io.gridpulse.bench.crash;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * What one meter sends next in a crash run, as real meters behave: mostly the next in-order run of
 * 1–120 s, sometimes a re-send of an earlier batch, sometimes a batch held back and sent later (a
 * late gap fill). Ranges are {@code {firstMs, count}} of {@link SyntheticReadings}.
 */
public final class BatchPlan {
    private static final int MAX_BATCH = 120;
    private static final int REMEMBERED = 32;

    private final int meterIndex;
    private long nextMs;
    private final Deque<long[]> gaps = new ArrayDeque<>();
    private final List<long[]> sent = new ArrayList<>();

    public BatchPlan(int meterIndex, long nextMs) {
        this.meterIndex = meterIndex;
        this.nextMs = nextMs;
    }

    public int meterIndex() {
        return meterIndex;
    }

    /**
     * The next range to send — 10 % re-sends, 15 % late gap fills, else new (a tenth of those held
     * back for later) — or null for "nothing this time". New data never reaches {@code untilMs}.
     */
    public long[] next(Random random, long untilMs) {
        int roll = random.nextInt(100);
        if (roll < 10 && !sent.isEmpty()) {
            return sent.get(random.nextInt(sent.size()));
        }
        if (roll < 25 && !gaps.isEmpty()) {
            return gaps.poll();
        }
        long[] range = {nextMs, 1 + random.nextInt(MAX_BATCH)};
        if (range[0] + range[1] * SyntheticReadings.STEP_MS > untilMs) {
            return sent.isEmpty() ? null : sent.get(random.nextInt(sent.size()));
        }
        nextMs += range[1] * SyntheticReadings.STEP_MS;
        if (roll >= 90) {
            gaps.add(range);
            return null;
        }
        return range;
    }

    /** Remembers an acknowledged range for later re-sends. */
    public void acknowledged(long[] range) {
        if (sent.size() == REMEMBERED) {
            sent.remove(0);
        }
        sent.add(range);
    }
}
