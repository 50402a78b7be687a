package io.gridpulse.app;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterId;
import io.gridpulse.ingest.dataset.DatasetFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decides which files an import reads and which meter each goes to.
 *
 * <ul>
 *   <li>a file → the meter {@code --meter};
 *   <li>a REDD / UK-DALE house folder → one meter per {@code channel_N.dat}: {@code <meter>-channel_N},
 *       or {@code <meter>-<label>} from {@code labels.dat} when naming by label (a repeated label
 *       gets {@code _N} appended);
 *   <li>a GJW folder → all {@code active-power-*.csv} files into the one meter {@code --meter};
 *   <li>a tracebase folder → one meter per device, its day files together:
 *       {@code <meter>-<type folder>-<device>} (the device is the file name before its date, as
 *       {@link NilmDatasets#deviceOf}; tracebase reuses a plug's id across types);
 *   <li>a CSV folder → one meter per file: {@code <meter>-<file name without extension>}.
 * </ul>
 */
final class ImportSources {
    private static final Pattern CHANNEL = Pattern.compile("channel_(\\d+)\\.dat");

    /** One file and the meter id it is stored under. */
    record Source(Path file, MeterId meter) {}

    private ImportSources() {}

    static List<Source> resolve(DatasetFormat format, Path path, String meter, boolean byLabel) {
        if (Files.isRegularFile(path)) {
            return List.of(new Source(path, new MeterId(meter)));
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidInputException("path", "no such file or folder: " + path);
        }
        List<Source> sources = switch (format) {
            case REDD, UKDALE -> channels(path, meter, byLabel);
            case GJW -> files(path, "active-power-").stream().map(f -> new Source(f, new MeterId(meter))).toList();
            case TRACEBASE -> files(path, "").stream().map(f -> new Source(f, meterOf(meter,
                    f.getParent().getFileName() + "-" + NilmDatasets.deviceOf(f.getFileName().toString())))).toList();
            case CSV -> files(path, "").stream().map(f -> new Source(f, meterOf(meter, stem(f)))).toList();
        };
        if (sources.isEmpty()) {
            throw new InvalidInputException("path", "no " + format.name().toLowerCase() + " files found in " + path);
        }
        return sources;
    }

    private static List<Source> channels(Path folder, String prefix, boolean byLabel) {
        Map<Integer, String> labels = byLabel ? labels(folder.resolve("labels.dat")) : Map.of();
        Map<String, Integer> labelUses = new HashMap<>();
        labels.values().forEach(l -> labelUses.merge(l, 1, Integer::sum));
        List<Source> out = new ArrayList<>();
        for (Path file : files(folder, "channel_")) {
            Matcher m = CHANNEL.matcher(file.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            int channel = Integer.parseInt(m.group(1));
            String label = labels.get(channel);
            String suffix = label == null ? "channel_" + channel
                    : labelUses.get(label) > 1 ? label + "_" + channel : label;
            out.add(new Source(file, meterOf(prefix, suffix)));
        }
        out.sort(Comparator.comparingInt(s -> channelNumber(s.file())));
        return out;
    }

    private static int channelNumber(Path file) {
        Matcher m = CHANNEL.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    /** {@code labels.dat}: {@code <channel> <label>} per line; absent file means no labels. */
    static Map<Integer, String> labels(Path file) {
        Map<Integer, String> labels = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return labels;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].matches("\\d+")) {
                    labels.put(Integer.parseInt(parts[0]), parts[1].trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return labels;
    }

    private static List<Path> files(Path folder, String namePrefix) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().startsWith(namePrefix))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> f.getFileName().toString().matches(".*\\.(csv|dat|txt)"))
                    .filter(f -> !f.getFileName().toString().equals("labels.dat"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** {@code <prefix>-<suffix>} with characters a meter id cannot hold replaced by '_'. */
    static MeterId meterOf(String prefix, String suffix) {
        String id = (prefix + "-" + suffix).replaceAll("[^A-Za-z0-9._-]", "_");
        return new MeterId(id.length() > 128 ? id.substring(0, 128) : id);
    }
}
