package io.gridpulse.app;

import io.gridpulse.bench.store.StoreBenchReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What {@code bench ingest} and {@code bench query} share: a scratch folder (temporary unless
 * given), a progress line on stderr, and one report printed as text or JSON.
 */
final class StoreBenchRun {
    @Option(names = "--dir", description = "Scratch folder (default: a temporary folder, deleted after).")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    /** One benchmark's work: fill the report, reporting progress lines. */
    interface Body {
        void run(Path root, StoreBenchReport report, Consumer<String> progress);
    }

    int run(CommandSpec spec, String name, Body body) {
        Path root = BenchFolders.orTemporary(dir, "gridpulse-bench-" + name);
        StoreBenchReport report = new StoreBenchReport();
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        PrintWriter err = spec.commandLine().getErr();
        try {
            body.run(root, report, line -> {
                err.print("\rbench " + name + " " + line + "          ");
                err.flush();
            });
            err.println();
        } finally {
            BenchFolders.deleteIfTemporary(dir, root);
        }
        spec.commandLine().getOut().println(json ? report.toJson() : report.toText());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
