package io.gridpulse.app;

import io.gridpulse.bench.codec.CompressionRun;
import io.gridpulse.bench.codec.XzBound;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.ingest.dataset.DatasetFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse bench compression}: chunk-codec bytes per reading on dataset files, next to
 * the Gorilla reference, after decoding every chunk to prove nothing was lost. Exit code 3 if
 * a chunk did not round-trip.
 */
@Command(name = "compression", mixinStandardHelpOptions = true,
        description = "Measure chunk-codec compression (bytes per reading) vs Gorilla; verifies losslessness.")
public final class BenchCompressionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", arity = "1..*", required = true, paramLabel = "<file>",
            description = "Dataset files; each is one meter's series.")
    List<Path> inputs;

    @Option(names = "--format", paramLabel = "gjw|redd|csv|tracebase",
            description = "File format (default: guessed per file: *.dat = redd, active-power-*.csv = gjw, else csv).")
    String format;

    @Option(names = "--fill-1hz", description = "Forward-fill each series to a 1 Hz grid first.")
    boolean fillOneHertz;

    @Option(names = "--chunk-hours", paramLabel = "<n>", defaultValue = "24",
            description = "Chunk span in hours (default: ${DEFAULT-VALUE}: one UTC day, as the store keeps data once its day is"
                    + " compacted; 1: the hour chunks that hold the current day until then).")
    int chunkHours;

    @Option(names = "--split-days", paramLabel = "<n>", defaultValue = "0",
            description = "Also report each span of n days (starting on Mondays, UTC; 7 = ISO weeks) of each file on its own line.")
    int splitDays;

    @Option(names = "--xz-bound", description = "Also measure \"integer deltas + xz -9\" on each whole file (the issue's bound;"
            + " needs the xz command) and report it as xzBytesPerReading.")
    boolean xzBound;

    @Option(names = "--store", description = "Also write each file into a fresh store (hour batches, sealed and compacted as"
            + " days pass) and report storeBytesPerReading: its table files, i.e. readings plus every rollup and RocksDB's keys.")
    boolean store;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        for (Path input : inputs) {
            if (!Files.isReadable(input)) {
                throw new ParameterException(spec.commandLine(), "cannot read input " + input);
            }
            if (Files.isDirectory(input)) {
                throw new ParameterException(spec.commandLine(), input + " is a folder; give its files, each one meter's "
                        + "series (e.g. " + input.resolve("*.dat") + ")");
            }
        }
        if (chunkHours < 1) {
            throw new ParameterException(spec.commandLine(), "--chunk-hours must be at least 1");
        }
        DatasetFormat parsed = parseFormat();
        if (splitDays < 0) {
            throw new ParameterException(spec.commandLine(), "--split-days must not be negative");
        }
        if (xzBound && !XzBound.available()) {
            throw new ParameterException(spec.commandLine(), "--xz-bound needs the xz command (Debian: apt-get install xz-utils)");
        }
        CompressionRun run = new CompressionRun(inputs, parsed, fillOneHertz, chunkHours, splitDays, xzBound, store);
        CompressionRun.Report report;
        try {
            report = run.run(line -> spec.commandLine().getErr().println("bench compression " + line));
        } catch (IllegalArgumentException e) { // a file none of whose lines reads in its format
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine().getOut().println(json ? report.toJson() : report.toText());
        spec.commandLine().getOut().flush();
        return report.codec().lossless() ? 0 : BenchCommand.CHECK_FAILED;
    }

    private DatasetFormat parseFormat() {
        try {
            return format == null ? null : DatasetFormat.parse(format);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
