package io.gridpulse.bench.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code gridpulse bench codec}: runs the {@link CodecBenchmark} JMH benchmark (one thread, one
 * fork) and reports readings per second per data set and operation.
 *
 * @param mode {@code auto} (the codec's choice), or {@code packed} / {@code adaptive} to force
 *     one body layout
 * @param quick fewer and shorter iterations (for a smoke run, not for figures)
 * @param data {@link CodecBenchmark#data} values to run; empty = all
 * @param chunkHours {@link CodecBenchmark#chunkHours}
 */
public record CodecSpeedRun(String mode, boolean quick, List<String> data, int chunkHours) {

    /** One benchmark's score. */
    public record Score(String data, String operation, double readingsPerSecond, double errorReadingsPerSecond,
            double minReadingsPerSecond, double maxReadingsPerSecond) {}

    public List<Score> run(Path root, Path jmhLog) throws RunnerException, IOException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CodecBenchmark.class.getName() + "\\.")
                .forks(1)
                .threads(1)
                .jvmArgsAppend("-Dgridpulse.root=" + root, "-Dgridpulse.codec.mode=" + mode)
                .output(jmhLog.toString());
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(2)
                    .measurementTime(TimeValue.seconds(1));
        }
        if (!data.isEmpty()) {
            options.param("data", data.toArray(String[]::new));
        }
        options.param("chunkHours", Integer.toString(chunkHours));
        Files.createDirectories(jmhLog.toAbsolutePath().getParent());
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Long> readingsPerOperation = new HashMap<>();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            String dataSet = result.getParams().getParam("data");
            String benchmark = result.getParams().getBenchmark();
            long readings = readingsPerOperation.computeIfAbsent(dataSet, d -> CodecBenchmark.readingsPerOperation(d, chunkHours));
            var primary = result.getPrimaryResult();
            scores.add(new Score(dataSet, benchmark.substring(benchmark.lastIndexOf('.') + 1),
                    primary.getScore() * readings, primary.getScoreError() * readings,
                    primary.getStatistics().getMin() * readings, primary.getStatistics().getMax() * readings));
        }
        return scores;
    }

    /** The 1-minute load average from /proc/loadavg, or -1 where there is none. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static String toJson(List<Score> scores, String mode, int chunkHours, double loadBefore, double loadAfter) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "{\"mode\":\"%s\",\"chunkHours\":%d,\"loadAverageBefore\":%.2f,\"loadAverageAfter\":%.2f,\"results\":[",
                mode, chunkHours, loadBefore, loadAfter));
        for (int i = 0; i < scores.size(); i++) {
            Score s = scores.get(i);
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"data\":\"%s\",\"operation\":\"%s\",\"readingsPerSecond\":%.0f,\"error\":%s,\"min\":%.0f,\"max\":%.0f}",
                    s.data(), s.operation(), s.readingsPerSecond(),
                    Double.isNaN(s.errorReadingsPerSecond()) ? "null" : String.format(Locale.ROOT, "%.0f", s.errorReadingsPerSecond()),
                    s.minReadingsPerSecond(), s.maxReadingsPerSecond()));
        }
        return out.append("]}").toString();
    }

    public static String toText(List<Score> scores, String mode, int chunkHours, double loadBefore, double loadAfter) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "codec speed, mode %s, %d-hour chunks, one thread (load average %.2f before, %.2f after)%n",
                mode, chunkHours, loadBefore, loadAfter));
        for (Score s : scores) {
            out.append(String.format(Locale.ROOT, "%-70s %-6s %9.1f M readings/s (min %.1f, max %.1f)%n", s.data(),
                    s.operation(), s.readingsPerSecond() / 1e6, s.minReadingsPerSecond() / 1e6, s.maxReadingsPerSecond() / 1e6));
        }
        return out.toString();
    }
}
