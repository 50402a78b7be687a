package io.gridpulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.bench.fuzz.FuzzReport;
import io.gridpulse.bench.fuzz.FuzzRun;
import io.gridpulse.bench.fuzz.FuzzTarget;
import io.gridpulse.bench.fuzz.FuzzTargets;
import io.gridpulse.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse bench fuzz}: mutated inputs against every surface that reads what others
 * send or what the disk returns — the JSON, CSV, line-protocol and device parsers (fast paths
 * held to their reference parsers), the chunk decoder, and the HTTP API and MQTT endpoint of a
 * real server. A crash, a hang, a 5xx or a broken promise is a finding; exit code 3 if there is any.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the parsers, the chunk decoder, the HTTP API and the MQTT endpoint with mutated inputs; report crashes, hangs, 5xx and broken promises.")
public final class BenchFuzzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--targets", split = ",", description = "Targets (default: all of json-readings, csv-readings, line-protocol, "
            + "device-payloads, chunk-decode, http-api, mqtt).")
    List<String> targets;

    @Option(names = "--seconds", defaultValue = "60", description = "Time per target (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--inputs", defaultValue = "" + Long.MAX_VALUE, description = "At most this many inputs per target (default: no limit).")
    long inputs;

    @Option(names = "--seed", description = "Seed (default: random, printed).")
    Long seed;

    @Option(names = "--out", description = "Folder for each finding's first input (as <target>-<n>.bin).")
    Path out;

    @Option(names = "--dir", description = "Store folder of the HTTP and MQTT targets (default: a new temporary folder, deleted after).")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<String> names = targets == null ? FuzzTargets.NAMES : targets;
        for (String name : names) {
            if (!FuzzTargets.NAMES.contains(name)) {
                throw new InvalidInputException("targets", "unknown fuzz target '" + name + "'; one of " + FuzzTargets.NAMES);
            }
        }
        long actualSeed = seed != null ? seed : System.nanoTime() % 1_000_000_000L;
        Path root = BenchFolders.orTemporary(dir, "gridpulse-fuzz");
        spec.commandLine().getErr().println("bench fuzz: seed " + actualSeed + ", " + seconds + " s per target");
        List<FuzzReport> reports = new ArrayList<>();
        for (String name : names) {
            try (FuzzTarget target = FuzzTargets.create(name, root.resolve(name))) {
                FuzzReport report = FuzzRun.run(target, actualSeed, inputs, seconds * 1000,
                        line -> spec.commandLine().getErr().println("bench fuzz " + line));
                reports.add(report);
                spec.commandLine().getErr().printf("bench fuzz %s: %,d inputs, %d findings%n", name, report.inputs(),
                        report.findings().size());
            }
        }
        BenchFolders.deleteIfTemporary(dir, root);
        saveInputs(reports);
        spec.commandLine().getOut().println(json ? toJson(reports, actualSeed) : toText(reports, actualSeed));
        spec.commandLine().getOut().flush();
        return reports.stream().allMatch(FuzzReport::passed) ? 0 : BenchCommand.CHECK_FAILED;
    }

    private void saveInputs(List<FuzzReport> reports) {
        if (out == null) {
            return;
        }
        try {
            Files.createDirectories(out);
            for (FuzzReport report : reports) {
                for (int i = 0; i < report.findings().size(); i++) {
                    Files.write(out.resolve(report.target() + "-" + (i + 1) + ".bin"), report.findings().get(i).firstInput());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toText(List<FuzzReport> reports, long seed) {
        StringBuilder text = new StringBuilder("bench fuzz, seed " + seed + "\n");
        for (FuzzReport r : reports) {
            text.append(String.format("%-16s %,12d inputs %,10.0f/s  %s%n", r.target(), r.inputs(), r.inputsPerSecond(),
                    r.passed() ? "no findings" : r.findings().size() + " FINDINGS"));
            for (FuzzReport.Finding f : r.findings()) {
                text.append(String.format("  %s (%,d×): %s%n    first input: %s%n", f.key(), f.count(), f.message(),
                        FuzzRun.preview(f.firstInput(), 200)));
            }
        }
        boolean passed = reports.stream().allMatch(FuzzReport::passed);
        return text.append(passed ? "PASSED" : "FAILED").toString();
    }

    private static String toJson(List<FuzzReport> reports, long seed) throws IOException {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (FuzzReport r : reports) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("target", r.target());
            target.put("inputs", r.inputs());
            target.put("seconds", Math.round(r.seconds() * 10) / 10.0);
            target.put("inputsPerSecond", Math.round(r.inputsPerSecond()));
            List<Map<String, Object>> findings = new ArrayList<>();
            for (FuzzReport.Finding f : r.findings()) {
                findings.add(Map.of("key", f.key(), "message", f.message(), "count", f.count(),
                        "firstInputBase64", Base64.getEncoder().encodeToString(f.firstInput())));
            }
            target.put("findings", findings);
            targets.add(target);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", seed);
        root.put("passed", reports.stream().allMatch(FuzzReport::passed));
        root.put("targets", targets);
        return new ObjectMapper().writeValueAsString(root);
    }
}
