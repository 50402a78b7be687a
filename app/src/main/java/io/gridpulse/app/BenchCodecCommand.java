package io.gridpulse.app;

import io.gridpulse.bench.codec.CodecCpuTimeRun;
import io.gridpulse.bench.codec.CodecSpeedRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridpulse bench codec}: chunk-codec encode/decode speed (JMH, one thread) on the shared data. */
@Command(name = "codec", mixinStandardHelpOptions = true,
        description = "Measure chunk-codec encode/decode readings per second with JMH (one thread, needs ../shared/data).")
public final class BenchCodecCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--mode", defaultValue = "auto", paramLabel = "auto|packed|adaptive",
            description = "Body layout: the codec's own choice (default), or force one to measure it alone.")
    String mode;

    @Option(names = "--data", paramLabel = "<file:format:logged|filled>", split = ",",
            description = "Data sets (relative to the shared data folder), default: all of CodecBenchmark's.")
    List<String> data = List.of();

    @Option(names = "--chunk-hours", defaultValue = "1", paramLabel = "<hours>",
            description = "Chunk span: 1 = the hours the store seals (default), 24 = the days it compacts them into.")
    int chunkHours;

    @Option(names = "--quick", description = "Short iterations: a smoke run, not figures.")
    boolean quick;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--cpu-time", description = "Time by this thread's CPU time in this JVM instead of JMH's wall time "
            + "(steadier on a loaded machine; 3 warm-up + 5 rounds of 1 CPU second per operation).")
    boolean cpuTime;

    @Override
    public Integer call() throws Exception {
        mode = mode.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "packed", "adaptive").contains(mode)) {
            throw new ParameterException(spec.commandLine(), "--mode must be auto, packed or adaptive");
        }
        if (chunkHours < 1) {
            throw new ParameterException(spec.commandLine(), "--chunk-hours must be at least 1");
        }
        if (cpuTime) {
            System.setProperty("gridpulse.codec.mode", mode); // read once, when the codec is first used below
            double loadBefore = CodecSpeedRun.loadAverage();
            List<CodecSpeedRun.Score> scores = new CodecCpuTimeRun(data, chunkHours, quick ? 0.2 : 1).run();
            double loadAfter = CodecSpeedRun.loadAverage();
            String label = mode + ", cpu-time";
            spec.commandLine().getOut().print(json ? CodecSpeedRun.toJson(scores, label, chunkHours, loadBefore, loadAfter) + "\n"
                    : CodecSpeedRun.toText(scores, label, chunkHours, loadBefore, loadAfter));
            spec.commandLine().getOut().flush();
            return 0;
        }
        Path root = Path.of(System.getProperty("gridpulse.root", "."));
        Path log = root.resolve("target/jmh-codec.log");
        spec.commandLine().getErr().println("bench codec: running JMH (several minutes; its log: " + log + ")");
        double loadBefore = CodecSpeedRun.loadAverage();
        List<CodecSpeedRun.Score> scores = new CodecSpeedRun(mode, quick, data, chunkHours).run(root, log);
        double loadAfter = CodecSpeedRun.loadAverage();
        spec.commandLine().getOut().print(json ? CodecSpeedRun.toJson(scores, mode, chunkHours, loadBefore, loadAfter) + "\n"
                : CodecSpeedRun.toText(scores, mode, chunkHours, loadBefore, loadAfter));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
