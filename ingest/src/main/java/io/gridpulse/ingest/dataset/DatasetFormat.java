package io.gridpulse.ingest.dataset;

import io.gridpulse.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;

/** File formats of real household datasets that GridPulse reads. */
public enum DatasetFormat {
    /** GJW UK home: {@code yyyy-MM-dd HH:mm:ss,W}, no header, change-only, UK local time. */
    GJW(ZoneId.of("Europe/London")),
    /** REDD low_freq channel: {@code <unix seconds> <watts>}. */
    REDD(ZoneId.of("UTC")),
    /** UK-DALE channel: {@code <unix seconds> <watts>} per line, exactly like REDD. */
    UKDALE(ZoneId.of("UTC")),
    /** tracebase appliance trace: {@code dd/MM/yyyy HH:mm:ss;P_1s;P_8s}, Darmstadt local time. */
    TRACEBASE(ZoneId.of("Europe/Berlin")),
    /** GridPulse CSV: header {@code ts,powerW[,energyWh]}, ts in epoch ms or ISO-8601. */
    CSV(ZoneId.of("UTC"));

    private final ZoneId defaultZone;

    DatasetFormat(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    /** The zone in which the format's local timestamps were recorded. */
    public ZoneId defaultZone() {
        return defaultZone;
    }

    private static final Pattern GJW_LINE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\s*-?[\\d.]+\\s*");
    private static final Pattern TRACEBASE_LINE =
            Pattern.compile("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2};.*");
    private static final Pattern REDD_LINE = Pattern.compile("\\s*\\d+ +-?[\\d.]+\\s*");

    /**
     * The format a data line looks like (GJW, tracebase or REDD), for files whose name does not
     * say: a published dump keeps its own name ({@code 4-POWER_REAL_FINE 2013-11-20 Dump.csv}).
     */
    public static Optional<DatasetFormat> sniff(String line) {
        if (GJW_LINE.matcher(line).matches()) {
            return Optional.of(GJW);
        }
        if (TRACEBASE_LINE.matcher(line).matches()) {
            return Optional.of(TRACEBASE);
        }
        return REDD_LINE.matcher(line).matches() ? Optional.of(REDD) : Optional.empty();
    }

    /**
     * gjw for GJW's {@code active-power-*.csv}, redd for {@code *.dat}, else what the first data
     * line looks like ({@link DatasetFormat#sniff}), else the GridPulse CSV.
     */
    public static DatasetFormat guess(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".dat")) {
            return REDD;
        }
        if (name.startsWith("active-power-") || name.startsWith("reactive-power-")) {
            return GJW;
        }
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).findFirst().flatMap(DatasetFormat::sniff).orElse(CSV);
        } catch (IOException | UncheckedIOException e) {
            return CSV; // the read that follows reports what is wrong with the file
        }
    }

    public static DatasetFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format", "unknown format '" + name + "'; use gjw, redd, ukdale, tracebase or csv");
        }
    }
}
