package io.gridpulse.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gridpulse bench}: benchmarks; one subcommand per benchmark. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run GridPulse benchmarks.",
        subcommands = {BenchCompressionCommand.class, BenchCodecCommand.class, BenchCrashCommand.class, BenchIngestCommand.class,
            BenchQueryCommand.class, BenchLoadCommand.class, BenchFuzzCommand.class, BenchLiveCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit code when a benchmark's own check (e.g. losslessness) failed. */
    static final int CHECK_FAILED = 3;
}
