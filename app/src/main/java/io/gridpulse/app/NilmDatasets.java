package io.gridpulse.app;

import io.gridpulse.analytics.nilm.ApplianceDataset;
import io.gridpulse.analytics.nilm.ChannelAligner;
import io.gridpulse.analytics.nilm.NearestResampler;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads sub-metered NILM datasets from disk for {@code gridpulse nilm}.
 *
 * <ul>
 *   <li>REDD low_freq house folder: {@code labels.dat} + {@code channel_N.dat}. Mains channels
 *       are skipped; the aggregate is the sum of all circuits. Circuits sharing a label are merged
 *       (five {@code lighting} circuits → {@code lighting}); labels are kept verbatim (REDD spells
 *       {@code furance}, {@code dishwaser}).</li>
 *   <li>tracebase folder ({@code <Type>/<instance>.csv}): a synthetic household. Synthetic day k
 *       (from 2000-01-01 UTC) holds instance {@code k mod n} of every type at its recorded time of
 *       day, plus a constant {@link #BASELOAD_W} baseload (unlabelled, i.e. unidentified). Per type
 *       the first 60 % of instances (sorted by file name, at least one) are the training instances,
 *       the rest test instances; a type with one instance has no test instance.</li>
 * </ul>
 */
final class NilmDatasets {
    static final double BASELOAD_W = 40;
    private static final LocalDate SYNTHETIC_START = LocalDate.of(2000, 1, 1);

    enum Instances { TRAIN, TEST }

    private NilmDatasets() {}

    static ApplianceDataset redd(Path dir) {
        Path labels = dir.resolve("labels.dat");
        if (!Files.isRegularFile(labels)) {
            throw new InvalidInputException("data", "no labels.dat in " + dir + " (expected a REDD low_freq house folder)");
        }
        try {
            List<ChannelAligner.Channel> circuits = new ArrayList<>();
            DatasetReader reader = new DatasetReader(DatasetFormat.REDD);
            for (String line : Files.readAllLines(labels)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length < 2 || parts[1].equals("mains")) {
                    continue;
                }
                Path file = dir.resolve("channel_" + parts[0] + ".dat");
                if (Files.exists(file)) {
                    circuits.add(new ChannelAligner.Channel(parts[1], reader.readAll(file)));
                }
            }
            if (circuits.isEmpty()) {
                throw new InvalidInputException("data", "no circuit channel files in " + dir);
            }
            return new ChannelAligner().align(circuits, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApplianceDataset tracebase(Path dir, Instances which) {
        Map<String, List<Path>> byType = instances(dir, which);
        if (byType.isEmpty()) {
            throw new InvalidInputException("data", "no " + which.name().toLowerCase(Locale.ROOT)
                    + " instances of any appliance type in " + dir);
        }
        int days = byType.values().stream().mapToInt(List::size).max().orElse(0);
        long step = ChannelAligner.DEFAULT_STEP_MS;
        int perDay = (int) (86_400_000L / step);
        long start = SYNTHETIC_START.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long[] ts = new long[days * perDay];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = start + i * step;
        }
        double[] aggregate = new double[ts.length];
        java.util.Arrays.fill(aggregate, BASELOAD_W);
        Map<String, double[]> appliances = new LinkedHashMap<>();
        DatasetReader reader = new DatasetReader(DatasetFormat.TRACEBASE, ZoneOffset.UTC);
        for (var e : byType.entrySet()) {
            double[] power = new double[ts.length];
            for (int d = 0; d < days; d++) {
                Path file = e.getValue().get(d % e.getValue().size());
                placeDay(reader.readAll(file), power, d * perDay, perDay, step);
            }
            appliances.merge(e.getKey(), power, NilmDatasets::plus);
            for (int i = 0; i < ts.length; i++) {
                aggregate[i] += power[i];
            }
        }
        return new ApplianceDataset(step, ts, aggregate, appliances);
    }

    private static double[] plus(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** Puts one day trace at its time of day; ticks the trace does not cover stay 0 W. */
    private static void placeDay(List<Reading> readings, double[] power, int offset, int perDay, long step) {
        List<Reading> sorted = new ArrayList<>(readings);
        sorted.sort(java.util.Comparator.comparingLong(Reading::timestampMs));
        NearestResampler resampler = new NearestResampler(step, ChannelAligner.DEFAULT_TOLERANCE_MS);
        for (Reading r : sorted) {
            resampler.accept(r.timestampMs(), r.powerMilliwatts() / 1000.0, (tick, w) -> {
                int slot = (int) (Math.floorMod(tick, 86_400_000L) / step);
                if (slot < perDay) {
                    power[offset + slot] = Math.max(0, w);
                }
            });
        }
    }

    private static Map<String, List<Path>> instances(Path dir, Instances which) {
        Map<String, List<Path>> out = new LinkedHashMap<>();
        try (Stream<Path> types = Files.list(dir)) {
            for (Path type : types.filter(Files::isDirectory).sorted().toList()) {
                List<Path> files;
                try (Stream<Path> f = Files.list(type)) {
                    files = f.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
                }
                int train = Math.max(1, (int) Math.ceil(files.size() * 0.6));
                List<Path> chosen = which == Instances.TRAIN ? files.subList(0, Math.min(train, files.size()))
                        : files.subList(Math.min(train, files.size()), files.size());
                if (!chosen.isEmpty()) {
                    out.put(label(type.getFileName().toString()), chosen);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** tracebase type folder → appliance label; REDD-compatible names where the kind matches. */
    static String label(String typeFolder) {
        return switch (typeFolder) {
            case "Refrigerator" -> "refrigerator";
            case "MicrowaveOven" -> "microwave";
            case "Lamp" -> "lighting";
            default -> typeFolder.toLowerCase(Locale.ROOT).replace('-', '_');
        };
    }
}
