package io.gridpulse.ingest.dataset;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.ReadingParsers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a dataset file row by row (constant memory). Each good row becomes a {@link Reading};
 * each bad row is reported with its line number and reason, never silently dropped.
 */
public final class DatasetReader {
    private static final DateTimeFormatter GJW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TRACEBASE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    /** Receives rows in file order. */
    public interface Sink {
        void reading(long lineNumber, Reading reading);

        void rejected(long lineNumber, String reason);
    }

    private final DatasetFormat format;
    private final ZoneId zone;

    public DatasetReader(DatasetFormat format, ZoneId zone) {
        this.format = format;
        this.zone = zone;
    }

    public DatasetReader(DatasetFormat format) {
        this(format, format.defaultZone());
    }

    public void read(Path file, Sink sink) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || (lineNumber == 1 && format == DatasetFormat.CSV && isHeader(line))) {
                    continue;
                }
                try {
                    sink.reading(lineNumber, parse(line));
                } catch (InvalidInputException | IllegalArgumentException | java.time.DateTimeException e) {
                    sink.rejected(lineNumber, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * A whole file read into memory, with the lines that did not parse.
     *
     * @param firstRejection {@code "line N: reason"} of the first line that did not parse, or null
     */
    public record WholeFile(List<Reading> readings, long rejectedLines, String firstRejection) {}

    /** Reads a whole file into memory, counting the lines that do not parse. */
    public WholeFile readWhole(Path file) {
        List<Reading> out = new ArrayList<>();
        long[] rejected = {0};
        String[] first = {null};
        read(file, new Sink() {
            @Override
            public void reading(long lineNumber, Reading reading) {
                out.add(reading);
            }

            @Override
            public void rejected(long lineNumber, String reason) {
                if (rejected[0]++ == 0) {
                    first[0] = "line " + lineNumber + ": " + reason;
                }
            }
        });
        return new WholeFile(out, rejected[0], first[0]);
    }

    /** Reads a whole file into memory; for tests and benchmarks on files of known size. */
    public List<Reading> readAll(Path file) {
        return readWhole(file).readings();
    }

    Reading parse(String line) {
        return switch (format) {
            case GJW -> gjw(line);
            case REDD, UKDALE -> redd(line);
            case TRACEBASE -> tracebase(line);
            case CSV -> csv(line);
        };
    }

    private Reading gjw(String line) {
        int comma = line.indexOf(',');
        requireSeparator(comma, "','");
        long ts = LocalDateTime.parse(line.substring(0, comma), GJW_TIME).atZone(zone).toInstant().toEpochMilli();
        return Reading.ofPower(ts, ReadingParsers.parseWatts(line.substring(comma + 1).trim(), "powerW"));
    }

    private Reading redd(String line) {
        String trimmed = line.trim();
        int space = trimmed.indexOf(' ');
        requireSeparator(space, "' '");
        long seconds = Long.parseLong(trimmed.substring(0, space));
        return Reading.ofPower(seconds * 1000, ReadingParsers.parseWatts(trimmed.substring(space + 1).trim(), "powerW"));
    }

    private Reading tracebase(String line) {
        String[] parts = line.split(";");
        if (parts.length < 2) {
            throw new InvalidInputException("line", "expected 'dd/MM/yyyy HH:mm:ss;P_1s;P_8s'");
        }
        long ts = LocalDateTime.parse(parts[0].trim(), TRACEBASE_TIME).atZone(zone).toInstant().toEpochMilli();
        return Reading.ofPower(ts, ReadingParsers.parseWatts(parts[1].trim(), "powerW"));
    }

    private Reading csv(String line) {
        String[] parts = line.split(",", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidInputException("line", "expected 'ts,powerW[,energyWh]'");
        }
        return ReadingParsers.reading(parts[0].trim(), parts[1].trim(), parts.length == 3 ? parts[2].trim() : "");
    }

    private static boolean isHeader(String line) {
        return line.startsWith("ts");
    }

    private static void requireSeparator(int index, String separator) {
        if (index <= 0) {
            throw new InvalidInputException("line", "missing separator " + separator);
        }
    }
}
