package io.gridpulse.app;

import io.gridpulse.bench.live.LivePushBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse bench live}: reading-to-browser latency of the live stream (DESIGN.md: p99 under
 * 50 ms), on the real server with one SSE subscriber per meter. Exit code 3 if any event is lost.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Live push latency: a gateway posts each meter's reading every second, one SSE subscriber per meter.")
public final class BenchLiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "1000", description = "Meters, each with its own subscriber (default: ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--warm-up", defaultValue = "30", paramLabel = "SECONDS",
            description = "Seconds run but not timed, while the JVM compiles its hot paths (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--seconds", defaultValue = "60", description = "Timed seconds after the warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--dir", description = "Store folder (default: a new temporary folder, deleted after).")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path root = BenchFolders.orTemporary(dir, "gridpulse-live");
        LivePushBench.Settings settings = new LivePushBench.Settings(root.resolve("store"), meters, warmUpSeconds, seconds);
        LivePushBench.Result result = new LivePushBench(settings,
                line -> spec.commandLine().getErr().println("bench live " + line)).run();
        BenchFolders.deleteIfTemporary(dir, root);
        spec.commandLine().getOut().println(json ? result.toJson() : result.toText());
        spec.commandLine().getOut().flush();
        return result.receivedEvents() == result.expectedEvents() ? 0 : BenchCommand.CHECK_FAILED;
    }
}
