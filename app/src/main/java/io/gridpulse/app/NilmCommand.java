package io.gridpulse.app;

import io.gridpulse.analytics.eval.EvaluationReport;
import io.gridpulse.analytics.eval.NilmEvaluation;
import io.gridpulse.analytics.nilm.ApplianceDataset;
import io.gridpulse.analytics.nilm.ChannelAligner;
import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.NilmTrainer;
import io.gridpulse.analytics.nilm.TimeSplit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridpulse nilm train|eval}: appliance disaggregation on sub-metered datasets. */
@Command(name = "nilm", mixinStandardHelpOptions = true,
        description = "Appliance disaggregation (NILM): train a model on sub-metered data, evaluate it.",
        subcommands = {NilmCommand.Train.class, NilmCommand.Eval.class, NilmSimulatedCommand.class})
public final class NilmCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    enum Format { redd, tracebase }

    /** Options shared by train and eval. */
    static class DataOptions {
        @Option(names = "--data", required = true, description = "REDD house folder or tracebase folder")
        Path data;

        @Option(names = "--format", required = true, description = "redd or tracebase")
        Format format;

        @Option(names = "--zone", defaultValue = "UTC", description = "zone of day boundaries (default ${DEFAULT-VALUE})")
        ZoneId zone;
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train on the first 60 %% of the data days (or --train-from/--train-until); "
                    + "tracebase: on the training instances.")
    static final class Train implements Callable<Integer> {
        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Option(names = "--out", required = true, description = "model file to write")
        Path out;

        @Option(names = "--train-from", description = "first training day (yyyy-mm-dd, inclusive)")
        LocalDate trainFrom;

        @Option(names = "--train-until", description = "end of training (yyyy-mm-dd, exclusive); "
                + "default: first 60 %% of the days with data")
        LocalDate trainUntil;

        @Override
        public Integer call() throws IOException {
            PrintStream err = System.err;
            err.println("nilm: loading " + data.data);
            ApplianceDataset all = load(data, NilmDatasets.Instances.TRAIN);
            ApplianceDataset train = data.format == Format.tracebase ? all : period(all, data.zone, trainFrom,
                    trainUntil != null ? trainUntil : TimeSplit.defaultTestFrom(all, data.zone).orElse(null));
            err.printf("nilm: training on %d ticks (%s)%n", train.size(), train.days(data.zone));
            NilmModel model = new NilmTrainer(NilmTrainer.Options.defaults(), err::println)
                    .train(train, ChannelAligner.DEFAULT_TOLERANCE_MS, data.format + ":" + data.data.getFileName());
            model.write(out);
            err.println("nilm: wrote " + out + " (" + model.applianceNames() + ")");
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Score the model, Mean and CO on a test period (default: the last 40 %% of the "
                    + "data days; tracebase: the test instances).")
    static final class Eval implements Callable<Integer> {
        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Option(names = "--model", required = true, description = "model file from 'nilm train'")
        Path model;

        @Option(names = "--test-from", description = "first test day (yyyy-mm-dd, inclusive); default: after the "
                + "first 60 %% of the days with data")
        LocalDate testFrom;

        @Option(names = "--test-until", description = "end of the test period (yyyy-mm-dd, exclusive)")
        LocalDate testUntil;

        @Option(names = "--json", description = "print JSON instead of a table")
        boolean json;

        @Override
        public Integer call() throws IOException {
            NilmModel m = NilmModel.read(model);
            System.err.println("nilm: loading " + data.data);
            ApplianceDataset all = load(data, NilmDatasets.Instances.TEST);
            ApplianceDataset test = data.format == Format.tracebase ? all : period(all, data.zone,
                    testFrom != null ? testFrom : TimeSplit.defaultTestFrom(all, data.zone).orElse(null), testUntil);
            if (test.size() == 0) {
                System.err.println("nilm: the test period holds no data");
                return 2;
            }
            System.err.printf("nilm: evaluating on %d ticks (%s)%n", test.size(), test.days(data.zone));
            EvaluationReport report = NilmEvaluation.evaluate(m, test);
            System.out.print(json ? report.toJson() : report.toTable());
            return 0;
        }
    }

    /** Loads the data; a clear message and exit code 2 (via {@link UsageError}) when it cannot be used. */
    private static ApplianceDataset load(DataOptions options, NilmDatasets.Instances which) {
        try {
            return read(options, which);
        } catch (io.gridpulse.core.InvalidInputException e) {
            throw new UsageError("nilm: " + e.getMessage());
        }
    }

    /** A user-facing failure: picocli prints the message (no stack trace) and exits with 2. */
    static final class UsageError extends CommandLine.ParameterException {
        UsageError(String message) {
            super(new CommandLine(new NilmCommand()), message);
        }
    }

    private static ApplianceDataset read(DataOptions options, NilmDatasets.Instances which) {
        return switch (options.format) {
            case redd -> NilmDatasets.redd(options.data);
            case tracebase -> NilmDatasets.tracebase(options.data, which);
        };
    }

    private static ApplianceDataset period(ApplianceDataset all, ZoneId zone, LocalDate from, LocalDate until) {
        long fromMs = from == null ? Long.MIN_VALUE : TimeSplit.startMs(from, zone);
        long untilMs = until == null ? Long.MAX_VALUE : TimeSplit.startMs(until, zone);
        return all.slice(fromMs, untilMs);
    }

}
