package io.gridpulse.app;

import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.Step;
import io.gridpulse.ingest.ReadingParsers;
import io.gridpulse.server.api.CsvSeries;
import io.gridpulse.server.meter.MeterSettings;
import io.gridpulse.store.CalendarRollups;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingColumns;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse export --meter <id>}: one meter's stored data as CSV, straight from the storage
 * folder (no server), 24 hours at a time with a progress bar. The rows are the API's
 * {@code format=csv} rows, so raw exports import back unchanged.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a meter's stored readings or rollups as CSV from the storage folder.")
final class ExportCommand implements Callable<Integer> {
    private static final long DAY_MS = 86_400_000L;

    @Option(names = "--meter", required = true, description = "Meter id.")
    String meter;

    @Option(names = "--tenant", defaultValue = "default", description = "Tenant (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--data", defaultValue = "gridpulse-data", description = "Storage folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--step", defaultValue = "raw", description = "raw | 1m | 15m | 1h | 1d | 1M (default: ${DEFAULT-VALUE}).")
    String step;

    @Option(names = "--from", description = "Start: a local date (YYYY-MM-DD, in the meter's zone), ISO-8601 with offset or epoch ms"
            + " (default: the meter's first stored hour).")
    String from;

    @Option(names = "--to", description = "End, exclusive, in the same forms (default: after the meter's latest reading).")
    String to;

    @Option(names = "--out", description = "CSV file to write (default: standard output).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (ReadingStore store = openStore()) {
            MeterRef ref = MeterRef.of(tenant, meter);
            MeterRecord record = store.meters().find(ref).orElseThrow(() -> new InvalidInputException("meter",
                    "no meter '" + meter + "' in tenant '" + tenant + "' of " + data));
            ZoneId zone = MeterSettings.fromMap(record.settings()).zone();
            Step parsedStep = Step.parse(step);
            long fromMs = from == null ? firstHourMs(store, ref) : time(from, zone);
            long toMs = to == null ? latestMs(store, ref) + 1 : time(to, zone);
            if (toMs <= fromMs) {
                throw new InvalidInputException("to", "--to must be after --from (or the meter has no data)");
            }
            long rows = write(store, ref, parsedStep, fromMs, toMs, zone);
            err.printf("exported %,d rows of %s (%s) to %s%n", rows, ref, parsedStep.label(), out == null ? "standard output" : out);
            return 0;
        } catch (GridPulseException | IllegalArgumentException | UncheckedIOException e) {
            err.println("export failed: " + e.getMessage());
            return 1;
        }
    }

    private ReadingStore openStore() {
        return OfflineStore.openExisting(data, "ask the running server: GET /api/v1/meters/{id}/power?format=csv");
    }

    /** Day by day for raw and fine steps (bounded memory, a progress bar); calendar buckets in one read. */
    private long write(ReadingStore store, MeterRef ref, Step step, long fromMs, long toMs, ZoneId zone) {
        try (Writer csv = out == null ? new StandardOutput(spec.commandLine().getOut())
                : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16)) {
            if (step.calendar()) {
                List<Rollup> buckets = new CalendarRollups(store).buckets(ref, step, fromMs, toMs, zone);
                csv.write(CsvSeries.ROLLUP_HEADER);
                CsvSeries.rollupRows(csv, buckets, zone);
                return buckets.size();
            }
            csv.write(step == Step.RAW ? CsvSeries.RAW_HEADER : CsvSeries.ROLLUP_HEADER);
            ProgressBar bar = new ProgressBar(System.err, "export " + ref.meter().value(), Math.ceilDiv(toMs - fromMs, DAY_MS), "days");
            long rows = 0;
            for (long dayStart = fromMs; dayStart < toMs; dayStart += DAY_MS) {
                long dayEnd = Math.min(toMs, dayStart + DAY_MS);
                if (step == Step.RAW) {
                    ReadingColumns readings = store.readRawColumns(ref, dayStart, dayEnd);
                    CsvSeries.rawRows(csv, readings, zone);
                    rows += readings.size();
                } else {
                    List<Rollup> rollups = store.rollups(ref, RollupLevel.of(step), dayStart, dayEnd);
                    CsvSeries.rollupRows(csv, rollups, zone);
                    rows += rollups.size();
                }
                bar.advance(1);
            }
            bar.finish();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (out == null ? "standard output" : out) + ": " + e.getMessage(), e);
        }
    }

    private static long firstHourMs(ReadingStore store, MeterRef ref) {
        return store.rollups(ref, RollupLevel.HOUR, 0, Long.MAX_VALUE).stream()
                .filter(r -> r.samples() > 0).findFirst()
                .map(Rollup::bucketStartMs)
                .orElseThrow(() -> new InvalidInputException("meter", "meter " + ref + " has no stored data"));
    }

    private static long latestMs(ReadingStore store, MeterRef ref) {
        var latest = store.latest(ref);
        if (latest == null) {
            throw new InvalidInputException("meter", "meter " + ref + " has no stored data");
        }
        return latest.timestampMs();
    }

    /** A local date is its midnight in the meter's zone; otherwise what readings accept as {@code ts}. */
    private static long time(String text, ZoneId zone) {
        try {
            return LocalDate.parse(text.trim()).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException notADate) {
            return ReadingParsers.parseTimestamp(text.trim());
        }
    }

    /** Standard output for the CSV: flushed, never closed (the CLI prints after it). */
    private static final class StandardOutput extends FilterWriter {
        StandardOutput(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
