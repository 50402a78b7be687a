package io.gridpulse.app;

import io.gridpulse.analytics.eval.NilmEvaluation;
import io.gridpulse.analytics.eval.StepAttribution;
import io.gridpulse.analytics.nilm.ApplianceDataset;
import io.gridpulse.analytics.nilm.ChannelAligner;
import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.NilmTrainer;
import io.gridpulse.analytics.nilm.TimeSplit;
import io.gridpulse.analytics.nilm.event.StepEventDetector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridpulse nilm train|eval}: appliance disaggregation on sub-metered datasets. */
@Command(name = "nilm", mixinStandardHelpOptions = true,
        description = "Appliance disaggregation (NILM): train a model on sub-metered data, evaluate it.",
        subcommands = {NilmCommand.Train.class, NilmCommand.Eval.class, NilmCommand.Steps.class, NilmSimulatedCommand.class})
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

        @Option(names = "--synthetic-days", defaultValue = "0", description = "tracebase: days of the synthetic "
                + "household (default: up to 3 days of each device of the type with the most)")
        int syntheticDays;

        /** What a model trained on this data records as its source ({@code eval} compares it). */
        String source() {
            return format + ":" + data.getFileName();
        }
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

        @Option(names = "--scaled-copies", description = "copies of the training data with each appliance "
                + "scaled in size, day by day, that the trees also learn from (default: 2 for tracebase, whose "
                + "test devices are other devices of each kind; 0 for redd, whose test circuits are the same)")
        Integer scaledCopies;

        @Option(names = "--validation-share", defaultValue = "0.25", description = "share of the training "
                + "period, its end, held back once to score each appliance's trees, its typical level and half of "
                + "each: the one that misses least there is kept (default: ${DEFAULT-VALUE}; 0 = no check)")
        double validationShare;

        @Option(names = "--typical-by-hour", arity = "1", description = "learn each appliance's typical level "
                + "per hour of the day, used where its runs are not recognised (default: true for redd, a home's "
                + "own routine; false for tracebase, whose synthetic days place traces at the hours they were recorded)")
        Boolean typicalByHour;

        @Override
        public Integer call() throws IOException {
            PrintStream err = System.err;
            Path folder = out.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder); // before minutes of training, not after
            }
            err.println("nilm: loading " + data.data);
            List<String> trainingFiles = List.of();
            ApplianceDataset train;
            if (data.format == Format.tracebase) {
                NilmDatasets.Household household = usable(() -> NilmDatasets.tracebaseHousehold(data.data,
                        NilmDatasets.Instances.TRAIN, data.syntheticDays));
                train = household.data();
                trainingFiles = household.dayFiles();
            } else {
                ApplianceDataset all = load(data, NilmDatasets.Instances.TRAIN);
                train = period(all, data.zone, trainFrom,
                        trainUntil != null ? trainUntil : TimeSplit.defaultTestFrom(all, data.zone).orElse(null));
            }
            err.printf("nilm: training on %d ticks (%s)%n", train.size(), describeDays(train.days(data.zone)));
            NilmModel model = new NilmTrainer(NilmTrainer.Options.defaults()
                    .withScaledCopies(scaledCopies != null ? scaledCopies : data.format == Format.tracebase ? 2 : 0)
                    .withValidationShare(validationShare)
                    .withTypicalByHour(typicalByHour != null ? typicalByHour : data.format != Format.tracebase), err::println)
                    .train(train, ChannelAligner.DEFAULT_TOLERANCE_MS, data.source())
                    .withTrainingFiles(trainingFiles);
            model.write(out);
            err.println("nilm: wrote " + out + " (" + model.applianceNames() + ")");
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Score the model, Mean and CO on a test period (default: the data after the model's "
                    + "training period, or the last 40 %% of the data days if none is after it; tracebase: the devices "
                    + "the model never saw, or else the days of its devices it was not trained on).")
    static final class Eval implements Callable<Integer> {
        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Option(names = "--model", required = true, description = "model file from 'nilm train'")
        Path model;

        @Option(names = "--test-from", description = "first test day (yyyy-mm-dd, inclusive); default: the end of "
                + "the model's training period when the data goes past it, else after the first 60 %% of the days with data")
        LocalDate testFrom;

        @Option(names = "--test-until", description = "end of the test period (yyyy-mm-dd, exclusive)")
        LocalDate testUntil;

        @Option(names = "--json", description = "print JSON instead of a table")
        boolean json;

        @Option(names = "--plot", description = "also draw the test period to this PNG: aggregate, then per appliance "
                + "the sub-metered truth, ours and CO")
        Path plot;

        @Option(names = "--series", description = "also write the test period tick by tick to this CSV: aggregate, then per "
                + "appliance truth, ours and CO, in W")
        Path series;

        @Override
        public Integer call() throws IOException {
            NilmModel m = NilmModel.read(model);
            System.err.println("nilm: loading " + data.data);
            ApplianceDataset test = data.format == Format.tracebase ? testHousehold(m.settings())
                    : testPeriod(load(data, NilmDatasets.Instances.TEST), m.settings());
            if (test.size() == 0) {
                System.err.println("nilm: the test period holds no data");
                return 2;
            }
            System.err.printf("nilm: evaluating on %d ticks (%s)%n", test.size(), describeDays(test.days(data.zone)));
            NilmEvaluation.Run run = NilmEvaluation.run(m, test);
            System.out.print(json ? run.report().toJson() : run.report().toTable());
            if (plot != null) {
                String title = String.format(Locale.ROOT, "nilm eval: model %s on %s, %s; energy-assigned accuracy ours "
                                + "%.3f, Mean %.3f, CO %.3f", m.settings().source(), data.data.getFileName(),
                        describeDays(test.days(data.zone)), run.report().overall().energyAssignedAccuracy(),
                        run.report().overall().meanBaselineAccuracy(), run.report().overall().coAccuracy());
                DisaggregationPicture.write(plot, title, test, run, data.zone);
                System.err.println("nilm: drew " + plot);
            }
            if (series != null) {
                DisaggregationSeries.write(series, test, run, data.zone);
                System.err.printf("nilm: wrote %,d ticks to %s%n", test.size(), series);
            }
            return 0;
        }

        /**
         * tracebase: the devices of the folder the model never saw, else the days of its devices it
         * was not trained on (a model that lists its training files); the folder's own held-out
         * devices for a model of format 1.
         */
        private ApplianceDataset testHousehold(NilmModel.Settings trained) {
            if (trained.trainingFiles().isEmpty()) {
                return load(data, NilmDatasets.Instances.TEST);
            }
            NilmDatasets.Unseen unseen = usable(() -> NilmDatasets.tracebaseUnseen(data.data, trained.trainingFiles(),
                    data.syntheticDays)).orElseThrow(() -> new UsageError("nilm: " + data.data + " holds no device or day "
                            + "file of the model's appliance types that it was not trained on"));
            System.err.println(unseen.newDevices()
                    ? "nilm: testing on the devices the model never saw"
                    : "nilm: the folder holds no device the model did not see: testing on days of its devices it was not "
                            + "trained on");
            return unseen.household().data();
        }

        /**
         * The chosen test period, or by default every tick from the end of the model's training
         * period on (a folder that goes on past the training, like a later download of the same
         * house, is tested on all of its held-out days, not on its last 40 %); a folder that ends
         * before it gets the 60/40 day split. A period that overlaps the training period of a
         * model trained on a folder of the same name is not held out: said on stderr.
         */
        private ApplianceDataset testPeriod(ApplianceDataset all, NilmModel.Settings trained) {
            long untilMs = testUntil == null ? Long.MAX_VALUE : TimeSplit.startMs(testUntil, data.zone);
            long[] ts = all.timestampsMs();
            ApplianceDataset test;
            if (testFrom == null && ts.length > 0 && ts[ts.length - 1] >= trained.trainedUntilMs()) {
                test = all.slice(trained.trainedUntilMs(), untilMs);
                if (ts[0] < trained.trainedUntilMs()) {
                    System.err.println("nilm: testing on the data after the model's training period (from "
                            + Instant.ofEpochMilli(trained.trainedUntilMs()).atZone(data.zone).toLocalDateTime()
                            + "); --test-from chooses another start");
                }
            } else {
                test = period(all, data.zone, testFrom != null ? testFrom : TimeSplit.defaultTestFrom(all, data.zone).orElse(null),
                        testUntil);
            }
            long[] tested = test.timestampsMs();
            boolean sameFolder = trained.source().equals(data.source());
            if (sameFolder && tested.length > 0 && tested[0] < trained.trainedUntilMs()
                    && tested[tested.length - 1] >= trained.trainedFromMs()) {
                System.err.println("nilm: warning: the test period overlaps the model's training period ("
                        + Instant.ofEpochMilli(trained.trainedFromMs()).atZone(data.zone).toLocalDate() + " .. "
                        + Instant.ofEpochMilli(trained.trainedUntilMs() - 1).atZone(data.zone).toLocalDate()
                        + ") on the same folder: these scores are not held out");
            }
            return test;
        }
    }

    @Command(name = "steps", mixinStandardHelpOptions = true,
            description = "Which sub-metered appliance made the aggregate's steps of a size band, in the training "
                    + "and the test period (REDD): shows whether an appliance's steps are distinguishable by size.")
    static final class Steps implements Callable<Integer> {
        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Option(names = "--min-w", defaultValue = "70", description = "smallest |step| in W (default ${DEFAULT-VALUE})")
        double minW;

        @Option(names = "--max-w", defaultValue = "115", description = "largest |step| in W (default ${DEFAULT-VALUE})")
        double maxW;

        @Override
        public Integer call() {
            if (data.format != Format.redd) {
                throw new UsageError("nilm steps: needs a sub-metered REDD house (--format redd)");
            }
            ApplianceDataset all = load(data, NilmDatasets.Instances.TEST);
            LocalDate testFrom = TimeSplit.defaultTestFrom(all, data.zone).orElse(null);
            PrintStream out = System.out;
            out.printf(Locale.ROOT, "aggregate steps of %.0f-%.0f W by the appliance that made them%n", minW, maxW);
            out.println("| period | appliance | up | down | |step| W |");
            print(out, "train", period(all, data.zone, null, testFrom));
            if (testFrom != null) {
                print(out, "test", period(all, data.zone, testFrom, null));
            }
            return 0;
        }

        private void print(PrintStream out, String name, ApplianceDataset d) {
            var steps = StepAttribution.steps(d, StepEventDetector.DEFAULT, minW, maxW);
            for (StepAttribution.ApplianceSteps s : StepAttribution.summary(steps)) {
                out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.0f-%.0f |%n", name, s.appliance(), s.ups(), s.downs(),
                        s.minAbsW(), s.maxAbsW());
            }
        }
    }

    /** Loads the data; a clear message and exit code 2 (via {@link UsageError}) when it cannot be used. */
    private static ApplianceDataset load(DataOptions options, NilmDatasets.Instances which) {
        return usable(() -> read(options, which));
    }

    /** Runs a loader, turning bad input into a {@link UsageError}. */
    private static <T> T usable(Supplier<T> loader) {
        try {
            return loader.get();
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
            case tracebase -> NilmDatasets.tracebase(options.data, which, options.syntheticDays);
        };
    }

    /** A few days by name, a longer run as its count and ends. */
    static String describeDays(List<LocalDate> days) {
        return days.size() <= 7 ? days.toString()
                : days.size() + " days, " + days.get(0) + " .. " + days.get(days.size() - 1);
    }

    private static ApplianceDataset period(ApplianceDataset all, ZoneId zone, LocalDate from, LocalDate until) {
        long fromMs = from == null ? Long.MIN_VALUE : TimeSplit.startMs(from, zone);
        long untilMs = until == null ? Long.MAX_VALUE : TimeSplit.startMs(until, zone);
        return all.slice(fromMs, untilMs);
    }

}
