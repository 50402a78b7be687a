package io.gridpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gridpulse} command line: one subcommand per job. */
@Command(name = "gridpulse", mixinStandardHelpOptions = true, version = "GridPulse 0.1.0",
        description = "Per-second household electricity data: store, bill, analyse.",
        subcommands = {DemoCommand.class, ServeCommand.class, ImportCommand.class, ExportCommand.class, BackupCommand.class, KeysCommand.class, BillCommand.class, NilmCommand.class,
            InsightsBacktestCommand.class, LoadCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class GridPulseCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The CLI with GridPulse's error reporting: one clear line for the failures a user can fix. */
    static CommandLine commandLine() {
        return new CommandLine(new GridPulseCli()).setExecutionExceptionHandler(GridPulseCli::report);
    }

    private static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                cmd.getErr().println("gridpulse: cannot listen: " + e.getMessage()
                        + " — is another GridPulse or MQTT broker running? Choose --port / --mqtt-port (-1 turns MQTT off).");
                return 2;
            }
            if (t instanceof io.gridpulse.core.GridPulseException g) {
                cmd.getErr().println("gridpulse: " + g.getMessage());
                return 2;
            }
            if (t instanceof java.nio.file.NoSuchFileException missing) {
                cmd.getErr().println("gridpulse: no such file or folder: " + missing.getFile());
                return 2;
            }
            if (t instanceof java.nio.file.AccessDeniedException denied) {
                cmd.getErr().println("gridpulse: permission denied: " + denied.getFile());
                return 2;
            }
            if (t instanceof java.io.IOException io && io.getClass() == java.io.IOException.class) {
                cmd.getErr().println("gridpulse: " + io.getMessage()); // our own readers' "not a …" messages
                return 2;
            }
        }
        throw new IllegalStateException(e); // unexpected: keep the stack trace
    }
}
