package io.gridpulse.ingest.sim;

import io.gridpulse.core.Reading;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cuts appliance runs out of tracebase day traces (one file per appliance and day, irregular 1–6 s
 * cadence) and forward-fills them to a 1 Hz {@link Signature}. For the refrigerator the run of
 * median length is taken (a typical compressor cycle); for the others the longest run (a complete
 * programme or session).
 *
 * <p>Contains information from the tracebase data set, which is made available at
 * http://www.tracebase.org under the Open Database License (ODbL); Reinhardt et al., SustainIT 2012.
 */
final class TracebaseSignatures {
    private static final int MAX_RUN_SECONDS = 4 * 3600;

    private TracebaseSignatures() {}

    /** The signature of {@code kind} from the first usable trace under {@code tracebaseDir}. */
    static Optional<Signature> extract(Path tracebaseDir, SignatureKind kind) {
        Path folder = tracebaseDir.resolve(kind.tracebaseFolder());
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        for (Path file : traceFiles(folder)) {
            List<Reading> readings = new DatasetReader(DatasetFormat.TRACEBASE).readAll(file);
            Optional<short[]> run = pickRun(readings, kind);
            if (run.isPresent()) {
                String origin = "tracebase " + kind.tracebaseFolder() + "/" + file.getFileName();
                return Optional.of(new Signature(kind, run.get(), origin));
            }
        }
        return Optional.empty();
    }

    private static List<Path> traceFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<short[]> pickRun(List<Reading> readings, SignatureKind kind) {
        List<int[]> runs = runs(readings, kind.onThresholdWatts() * 1000L, kind.maxGapSeconds() * 1000L);
        runs.removeIf(r -> durationMs(readings, r) < 20_000 || durationMs(readings, r) > MAX_RUN_SECONDS * 1000L);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        Comparator<int[]> byDuration = Comparator.comparingLong(r -> durationMs(readings, r));
        runs.sort(byDuration);
        int[] chosen = kind == SignatureKind.FRIDGE_CYCLE ? runs.get(runs.size() / 2) : runs.get(runs.size() - 1);
        return Optional.of(toOneHertz(readings, chosen[0], chosen[1]));
    }

    /** Index ranges [first, last] of readings above the threshold, merging gaps up to maxGapMs. */
    private static List<int[]> runs(List<Reading> readings, long thresholdMilliwatts, long maxGapMs) {
        List<int[]> runs = new ArrayList<>();
        int first = -1;
        int last = -1;
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i).powerMilliwatts() <= thresholdMilliwatts) {
                continue;
            }
            if (first >= 0 && readings.get(i).timestampMs() - readings.get(last).timestampMs() > maxGapMs) {
                runs.add(new int[] {first, last});
                first = -1;
            }
            if (first < 0) {
                first = i;
            }
            last = i;
        }
        if (first >= 0) {
            runs.add(new int[] {first, last});
        }
        return runs;
    }

    private static long durationMs(List<Reading> readings, int[] run) {
        return readings.get(run[1]).timestampMs() - readings.get(run[0]).timestampMs();
    }

    /** Samples the step function of the readings once per second from the first to the last index. */
    private static short[] toOneHertz(List<Reading> readings, int first, int last) {
        long startMs = readings.get(first).timestampMs();
        int seconds = (int) (durationMs(readings, new int[] {first, last}) / 1000) + 1;
        short[] watts = new short[seconds];
        int j = first;
        for (int s = 0; s < seconds; s++) {
            long t = startMs + s * 1000L;
            while (j < last && readings.get(j + 1).timestampMs() <= t) {
                j++;
            }
            long w = Math.max(0, readings.get(j).powerMilliwatts() / 1000);
            watts[s] = (short) Math.min(Short.MAX_VALUE, w);
        }
        return watts;
    }
}
