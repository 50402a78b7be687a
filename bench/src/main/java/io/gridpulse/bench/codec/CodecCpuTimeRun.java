package io.gridpulse.bench.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code gridpulse bench codec --cpu-time}: the {@link CodecBenchmark} operations timed by this
 * thread's CPU time instead of wall time, in this JVM. On a shared machine (load average above
 * the core count) wall-clock JMH scores swing ±50 % with the neighbours' load; CPU time counts
 * only the cycles the codec got, which is what "readings per second per core" means, and
 * repeats within a few per cent. Cache and memory-bandwidth contention still show.
 *
 * @param data {@link CodecBenchmark#data} values; empty = all of CodecBenchmark's
 * @param chunkHours {@link CodecBenchmark#chunkHours}
 * @param measureSeconds CPU seconds per measurement round (5 rounds, after 3 warm-up rounds)
 */
public record CodecCpuTimeRun(List<String> data, int chunkHours, double measureSeconds) {
    private static final int WARMUP_ROUNDS = 3;
    private static final int MEASURE_ROUNDS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Data sets of {@link CodecBenchmark}'s {@code @Param}, in its order. */
    public static List<String> allData() {
        try {
            return List.of(CodecBenchmark.class.getField("data").getAnnotation(org.openjdk.jmh.annotations.Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scores (best, min and max of the measurement rounds; no error estimate) per data set and operation. */
    public List<CodecSpeedRun.Score> run() {
        List<CodecSpeedRun.Score> scores = new ArrayList<>();
        for (String dataSet : data.isEmpty() ? allData() : data) {
            CodecBenchmark benchmark = new CodecBenchmark();
            benchmark.data = dataSet;
            benchmark.chunkHours = chunkHours;
            benchmark.load();
            scores.add(score(dataSet, "decode", benchmark.readingsPerOperation, benchmark::decodeAll));
            scores.add(score(dataSet, "encode", benchmark.readingsPerOperation, benchmark::encodeAll));
        }
        return scores;
    }

    private CodecSpeedRun.Score score(String dataSet, String operation, long readingsPerOperation, LongSupplier operationOnce) {
        long sink = 0;
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            sink += timedRound(readingsPerOperation, operationOnce)[1];
        }
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int round = 0; round < MEASURE_ROUNDS; round++) {
            double[] result = timedRound(readingsPerOperation, operationOnce);
            sum += result[0];
            min = Math.min(min, result[0]);
            max = Math.max(max, result[0]);
            sink += (long) result[1];
        }
        if (sink == 42) {
            System.out.print(""); // keeps the results alive
        }
        return new CodecSpeedRun.Score(dataSet, operation, sum / MEASURE_ROUNDS, Double.NaN, min, max);
    }

    /** Runs the operation for {@link #measureSeconds} of CPU time; returns {readings per CPU second, checksum}. */
    private double[] timedRound(long readingsPerOperation, LongSupplier operationOnce) {
        long budget = (long) (measureSeconds * 1e9);
        long start = THREADS.getCurrentThreadCpuTime();
        long operations = 0;
        long checksum = 0;
        long elapsed;
        do {
            checksum += operationOnce.getAsLong();
            operations++;
            elapsed = THREADS.getCurrentThreadCpuTime() - start;
        } while (elapsed < budget);
        return new double[] {readingsPerOperation * operations / (elapsed / 1e9), checksum};
    }
}
