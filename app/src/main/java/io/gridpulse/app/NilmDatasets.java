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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads sub-metered NILM datasets from disk for {@code gridpulse nilm}.
 *
 * <ul>
 *   <li>REDD low_freq house folder: {@code labels.dat} + {@code channel_N.dat}. Mains channels
 *       are skipped; the aggregate is the sum of all circuits. Circuits sharing a label are merged
 *       (five {@code lighting} circuits → {@code lighting}); labels are kept verbatim (REDD spells
 *       {@code furance}, {@code dishwaser}).</li>
 *   <li>tracebase folder ({@code <Type>/<device>_<yyyy.mm.dd>.csv}, one file per device and
 *       day): a synthetic household. An <em>instance</em> is a device (the file name before its
 *       date, e.g. {@code dev_599393} or {@code Refrigerator}), not a file: per type the first 60 %
 *       of devices (sorted by name, rounded; with two or more devices at least one is held out)
 *       are the training instances, the rest test instances, so no device's days are on both
 *       sides; a type with one device has no test instance, and is left out of training as well
 *       when other types have one (both households then hold the same kinds of appliances).
 *       Synthetic day k (from 2000-01-01 UTC) holds, for every type, device {@code k mod n} on
 *       that device's next recorded day, at its recorded time of day, plus a constant
 *       {@link #BASELOAD_W} baseload (unlabelled, i.e. unidentified).</li>
 * </ul>
 */
final class NilmDatasets {
    static final double BASELOAD_W = 40;
    private static final LocalDate SYNTHETIC_START = LocalDate.of(2000, 1, 1);

    enum Instances { TRAIN, TEST }

    private NilmDatasets() {}

    static ApplianceDataset redd(Path dir) {
        List<ChannelAligner.Channel> circuits = new ArrayList<>();
        for (ChannelAligner.Channel c : reddChannels(dir, label -> !label.equals(REDD_MAINS))) {
            if (c.readings().isEmpty()) {
                // an empty channel would leave no tick where every circuit has a value
                System.err.println("nilm: a " + c.label() + " channel of " + dir + " holds no readings; left out");
            } else {
                circuits.add(c);
            }
        }
        if (circuits.isEmpty()) {
            throw new InvalidInputException("data", "no circuit channel files in " + dir);
        }
        return new ChannelAligner().align(circuits, List.of());
    }

    static final String REDD_MAINS = "mains";

    /** The channels of a REDD low_freq house folder whose label passes {@code labels}, in labels.dat's order. */
    static List<ChannelAligner.Channel> reddChannels(Path dir, Predicate<String> labels) {
        Path labelFile = dir.resolve("labels.dat");
        if (!Files.isRegularFile(labelFile)) {
            throw new InvalidInputException("data", "no labels.dat in " + dir + " (expected a REDD low_freq house folder)");
        }
        try {
            List<ChannelAligner.Channel> channels = new ArrayList<>();
            DatasetReader reader = new DatasetReader(DatasetFormat.REDD);
            for (String line : Files.readAllLines(labelFile)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length < 2 || !labels.test(parts[1])) {
                    continue;
                }
                Path file = dir.resolve("channel_" + parts[0] + ".dat");
                if (Files.exists(file)) {
                    channels.add(new ChannelAligner.Channel(parts[1], reader.readAll(file)));
                }
            }
            return channels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The synthetic household of the chosen instances.
     *
     * @param days synthetic days; 0 = as many as the type with the most recorded days fills with up
     *     to {@link #DAYS_PER_DEVICE} days of each of its devices, so every chosen device appears
     */
    static ApplianceDataset tracebase(Path dir, Instances which, int days) {
        return tracebaseHousehold(dir, which, days).data();
    }

    /**
     * A synthetic household and the day files it was built from ({@code <type folder>/<file name>},
     * what a model records of its training household).
     */
    record Household(ApplianceDataset data, List<String> dayFiles) {}

    static Household tracebaseHousehold(Path dir, Instances which, int days) {
        Map<String, List<Device>> byType = devices(dir, which);
        if (byType.isEmpty()) {
            throw new InvalidInputException("data", "no " + which.name().toLowerCase(Locale.ROOT)
                    + " instances of any appliance type in " + dir + (which == Instances.TEST
                            ? " (a type needs two or more devices for one to be held out for the test)" : ""));
        }
        return household(byType, days);
    }

    /**
     * The test household of a folder for a model trained on other files: per appliance type the
     * model was trained with, the devices it never saw (the "instances not used in
     * training"); if the folder holds none, the days of its devices it was not trained on (held-out
     * periods). Empty when every file was used in training or no type is known.
     *
     * @param trainingFiles {@link Household#dayFiles} of the model's training household
     */
    static Optional<Unseen> tracebaseUnseen(Path dir, List<String> trainingFiles, int days) {
        Set<String> trainedFiles = Set.copyOf(trainingFiles);
        Set<String> trainedDevices = new HashSet<>();
        Set<String> trainedTypes = new HashSet<>();
        for (String file : trainingFiles) {
            int slash = file.indexOf('/');
            trainedTypes.add(file.substring(0, slash));
            trainedDevices.add(file.substring(0, slash + 1) + deviceOf(file.substring(slash + 1)));
        }
        Map<String, List<Device>> unseen = new LinkedHashMap<>();
        Map<String, List<Device>> otherDays = new LinkedHashMap<>();
        devicesByType(dir).forEach((label, devices) -> {
            for (Device device : devices) {
                String type = device.days().get(0).getParent().getFileName().toString();
                if (!trainedTypes.contains(type)) {
                    continue;
                }
                if (!trainedDevices.contains(type + "/" + device.name())) {
                    unseen.computeIfAbsent(label, k -> new ArrayList<>()).add(device);
                    continue;
                }
                List<Path> notTrained = device.days().stream()
                        .filter(day -> !trainedFiles.contains(type + "/" + day.getFileName())).toList();
                if (!notTrained.isEmpty()) {
                    otherDays.computeIfAbsent(label, k -> new ArrayList<>()).add(new Device(device.name(), notTrained));
                }
            }
        });
        Map<String, List<Device>> chosen = unseen.isEmpty() ? otherDays : unseen;
        return chosen.isEmpty() ? Optional.empty() : Optional.of(new Unseen(household(chosen, days), !unseen.isEmpty()));
    }

    /** @param newDevices devices the model never saw (else: other days of the devices it saw) */
    record Unseen(Household household, boolean newDevices) {}

    private static Household household(Map<String, List<Device>> byType, int days) {
        if (days <= 0) {
            days = byType.values().stream().mapToInt(NilmDatasets::defaultDays).max().orElse(1);
        }
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
        SortedSet<String> used = new TreeSet<>();
        for (var e : byType.entrySet()) {
            double[] power = new double[ts.length];
            List<Device> devices = e.getValue();
            for (int d = 0; d < days; d++) {
                Path day = devices.get(d % devices.size()).day(d / devices.size());
                used.add(day.getParent().getFileName() + "/" + day.getFileName());
                placeDay(reader.readAll(day), power, d * perDay, perDay, step);
            }
            appliances.merge(e.getKey(), power, NilmDatasets::plus);
            for (int i = 0; i < ts.length; i++) {
                aggregate[i] += power[i];
            }
        }
        return new Household(new ApplianceDataset(step, ts, aggregate, appliances), List.copyOf(used));
    }

    /**
     * Each device's days used by default: one day per device leaves each device beside one set of
     * other loads; three measured 0.576 vs 0.553 energy-assigned accuracy on the same held-out
     * tracebase days at the same training cost (the trainer strides over a fixed number of rows).
     */
    static final int DAYS_PER_DEVICE = 3;

    private static int defaultDays(List<Device> devices) {
        return devices.stream().mapToInt(d -> Math.min(DAYS_PER_DEVICE, d.days().size())).sum();
    }

    /** One recorded appliance: its day files in name (date) order. */
    record Device(String name, List<Path> days) {
        /** Its n-th recorded day, starting over after the last. */
        Path day(int n) {
            return days.get(n % days.size());
        }
    }

    /** tracebase names a device's day {@code <device>_<yyyy.mm.dd>[anything].csv}. */
    private static final Pattern DAY_FILE = Pattern.compile("(.+?)_\\d{4}\\.\\d{2}\\.\\d{2}.*\\.csv");

    /** The device a day file belongs to: its name before the date (the whole name without one). */
    static String deviceOf(String fileName) {
        Matcher m = DAY_FILE.matcher(fileName);
        return m.matches() ? m.group(1) : fileName.substring(0, fileName.length() - ".csv".length());
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

    /**
     * Per type label, the chosen devices: the first 60 % by name ({@link #trainingDevices}) or the
     * rest. When some types have a test device, types with only one device are left out of
     * training too, so the training and the test household hold the same kinds of appliances.
     */
    private static Map<String, List<Device>> devices(Path dir, Instances which) {
        Map<String, List<Device>> all = devicesByType(dir);
        boolean anyTestDevice = all.values().stream().anyMatch(d -> d.size() > 1);
        Map<String, List<Device>> out = new LinkedHashMap<>();
        all.forEach((type, devices) -> {
            int train = trainingDevices(devices.size());
            List<Device> chosen = which == Instances.TRAIN ? devices.subList(0, train)
                    : devices.subList(train, devices.size());
            if (!chosen.isEmpty() && (train < devices.size() || !anyTestDevice)) {
                out.put(type, chosen);
            }
        });
        return out;
    }

    /** 60 % of a type's devices, rounded, but with two or more at least one held out for the test. */
    static int trainingDevices(int devices) {
        return devices < 2 ? devices : Math.clamp(Math.round(devices * 0.6), 1, devices - 1);
    }

    /** Every type folder's devices, by appliance label. */
    private static Map<String, List<Device>> devicesByType(Path dir) {
        Map<String, List<Device>> out = new LinkedHashMap<>();
        try (Stream<Path> types = Files.list(dir)) {
            for (Path type : types.filter(Files::isDirectory).sorted().toList()) {
                Map<String, List<Path>> days = new TreeMap<>();
                try (Stream<Path> f = Files.list(type)) {
                    f.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().forEach(p -> days
                            .computeIfAbsent(deviceOf(p.getFileName().toString()), k -> new ArrayList<>()).add(p));
                }
                if (!days.isEmpty()) {
                    out.put(label(type.getFileName().toString()),
                            days.entrySet().stream().map(d -> new Device(d.getKey(), d.getValue())).toList());
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
