package io.gridpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gridpulse} command line: one subcommand per job. */
@Command(name = "gridpulse", mixinStandardHelpOptions = true, version = "GridPulse 0.1.0",
        description = "Per-second household electricity data: store, bill, analyse.",
        subcommands = {DemoCommand.class, ServeCommand.class, ImportCommand.class, BillCommand.class, NilmCommand.class,
            InsightsBacktestCommand.class, LoadCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class GridPulseCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GridPulseCli()).execute(args));
    }
}
