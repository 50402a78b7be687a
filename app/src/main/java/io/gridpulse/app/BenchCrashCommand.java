package io.gridpulse.app;

import io.gridpulse.bench.crash.CrashConfig;
import io.gridpulse.bench.crash.CrashResult;
import io.gridpulse.bench.crash.CrashRun;
import io.gridpulse.app.crash.ServerCrashRun;
import io.gridpulse.core.InvalidInputException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse bench crash}: kills a real ingest JVM with SIGKILL again and again and checks
 * after each restart that every acknowledged reading is back, unchanged and once, and that the
 * rollups equal a recomputation. {@code --via store} kills a JVM appending to the store;
 * {@code --via http|mqtt} kills the real server ({@code gridpulse serve}) while clients send to
 * it. Exit code 3 on any violation.
 */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = "Kill -9 an ingesting JVM (the store, or the server over HTTP/MQTT) N times; "
                + "verify acknowledged readings and rollups after each restart.")
public final class BenchCrashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kills", defaultValue = "20", description = "SIGKILLs (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--seed", description = "Seed (default: random, printed).")
    Long seed;

    @Option(names = "--threads", defaultValue = "4", description = "Writer threads in the child (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--meters", defaultValue = "32", description = "Meters written; a writer thread sends some batches for all its meters at once (default: ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--max-run-ms", defaultValue = "2000", description = "Longest run before a kill (default: ${DEFAULT-VALUE}).")
    long maxRunMs;

    @Option(names = "--via", defaultValue = "store",
            description = "store (a JVM appending directly), http or mqtt (the server, fed by clients) (default: ${DEFAULT-VALUE}).")
    String via;

    @Option(names = "--torn-wal", description = "Also damage the last bytes written to the newest WAL after each kill (cut short, or zeroed in a recycled WAL file).")
    boolean tornWal;

    @Option(names = "--dir", description = "Store folder (default: a new temporary folder, deleted after a pass).")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        long actualSeed = seed != null ? seed : System.nanoTime() % 1_000_000_000L;
        Path root = BenchFolders.orTemporary(dir, "gridpulse-crash");
        spec.commandLine().getErr().println("bench crash: seed " + actualSeed + ", store " + root);
        CrashResult result = run(root.resolve("store"), actualSeed);
        spec.commandLine().getOut().println(json ? result.toJson() : result.toText());
        spec.commandLine().getOut().flush();
        if (!result.passed()) {
            spec.commandLine().getErr().println("bench crash: store kept for inspection at " + root);
            return BenchCommand.CHECK_FAILED;
        }
        BenchFolders.deleteIfTemporary(dir, root);
        return 0;
    }

    private CrashResult run(Path store, long actualSeed) {
        Consumer<String> progress = line -> spec.commandLine().getErr().println("bench crash " + line);
        if (via.equals("store")) {
            return new CrashRun(new CrashConfig(store, actualSeed, kills, threads, meters, 200, maxRunMs, tornWal)).run(progress);
        }
        if (tornWal) {
            throw new InvalidInputException("torn-wal", "--torn-wal works with --via store only");
        }
        ServerCrashRun.Via mode = switch (via) {
            case "http" -> ServerCrashRun.Via.HTTP;
            case "mqtt" -> ServerCrashRun.Via.MQTT;
            default -> throw new InvalidInputException("via", "--via must be store, http or mqtt, got '" + via + "'");
        };
        return new ServerCrashRun(new ServerCrashRun.Config(store, actualSeed, kills, threads, meters, mode, 500,
                Math.max(500, maxRunMs))).run(progress);
    }
}
