package io.gridpulse.app;

import io.gridpulse.analytics.anomaly.AnomalyTypes;
import io.gridpulse.analytics.eval.AnomalyEvaluation;
import io.gridpulse.analytics.eval.DetectionScore;
import io.gridpulse.analytics.eval.ForecastBacktest;
import io.gridpulse.analytics.forecast.DayEnergy;
import io.gridpulse.analytics.forecast.EnergyLedger;
import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.analytics.series.MinuteSeries;
import io.gridpulse.analytics.standby.MonthlyStandby;
import io.gridpulse.analytics.standby.StandbyEstimator;
import io.gridpulse.analytics.standby.StandbyReport;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridpulse insights-backtest}: standby estimates, anomaly precision/recall on planted
 * anomalies and period-end forecast MAPE vs naive, on one home's whole-house power (one file, or
 * several of the same meter, e.g. overlapping dumps: merged, one reading per timestamp).
 */
@Command(name = "insights-backtest", mixinStandardHelpOptions = true,
        description = "Standby, anomaly (injected, precision/recall) and forecast (MAPE vs naive) on one home's power.")
public final class InsightsBacktestCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, arity = "1..*", description = "whole-house power file(s) of one meter; "
            + "several are merged (overlapping dumps: one reading per timestamp)")
    List<Path> files;

    @Option(names = "--format", description = "gjw, redd, tracebase or csv (default: guessed from the first file's name "
            + "or first line)")
    String format;

    @Option(names = "--zone", description = "local zone (default: the format's zone)")
    ZoneId zone;

    @Option(names = "--hold-minutes", defaultValue = "60", description = "longest a reading is held, minutes (default ${DEFAULT-VALUE})")
    int holdMinutes;

    @Option(names = "--period-days", defaultValue = "16", description = "pseudo-period length (default ${DEFAULT-VALUE})")
    int periodDays;

    @Option(names = "--runs", defaultValue = "10", description = "injection runs per anomaly type (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "20261125", description = "base seed; run r uses seed + r (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--plot", description = "also draw the period-end forecast's error on every day of the period "
            + "(model vs naive) to this PNG")
    Path plot;

    @Option(names = "--days-csv", description = "also write the ledger's days (local date, energy Wh, covered minutes) "
            + "to this CSV: what the period-end backtest reads")
    Path daysCsv;

    @Override
    public Integer call() throws IOException {
        DatasetFormat f = format != null ? DatasetFormat.parse(format) : DatasetFormat.guess(files.get(0));
        ZoneId z = zone == null ? f.defaultZone() : zone;
        List<Reading> readings = merged(new DatasetReader(f, z), files);
        if (readings.isEmpty()) {
            System.err.println("insights-backtest: no line of " + files + " reads as "
                    + f.name().toLowerCase(Locale.ROOT) + "; give its --format");
            return 2;
        }
        List<MinuteAverage> minutes = MinuteSeries.fromReadings(readings, holdMinutes * 60_000L);
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%s: %d readings, %d minutes, zone %s, seed %d%n",
                files.size() == 1 ? files.get(0) : files.size() + " files", readings.size(), minutes.size(), z, seed);
        standby(out, minutes, z);
        anomalies(out, minutes, z);
        forecast(out, minutes, z);
        return 0;
    }

    /** The files' readings in time order, one per timestamp (the last file's wins). */
    static List<Reading> merged(DatasetReader reader, List<Path> files) {
        TreeMap<Long, Reading> byTime = new TreeMap<>();
        for (Path file : files) {
            reader.readAll(file).forEach(r -> byTime.put(r.timestampMs(), r));
        }
        return new ArrayList<>(byTime.values());
    }

    private static void standby(PrintStream out, List<MinuteAverage> minutes, ZoneId z) {
        StandbyReport r = StandbyEstimator.estimate(minutes, z);
        out.println("| month | days | Encored W | robust W | standbyEnergyWh |");
        for (MonthlyStandby m : r.months()) {
            out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.0f |%n", m.month(), m.days(), m.encoredBaseloadWatts(),
                    m.baseloadWatts(), m.standbyEnergyWattHours());
        }
        out.printf(Locale.ROOT, "trend %.1f W/month, %d jump(s)%n", r.trendWattsPerMonth(), r.jumps().size());
    }

    private void anomalies(PrintStream out, List<MinuteAverage> minutes, ZoneId z) {
        out.println("| type | planted | detected | events | precision | recall |");
        for (String type : List.of(AnomalyTypes.USAGE_HIGH, AnomalyTypes.APPLIANCE_LEFT_ON, AnomalyTypes.BASELOAD_JUMP,
                AnomalyTypes.METER_SILENT)) {
            DetectionScore s = AnomalyEvaluation.score(minutes, z, type, runs, 4, seed);
            out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.2f |%n", type, s.injected(), s.detected(), s.events(),
                    s.precision(), s.recall());
        }
    }

    /** The checkpoints: days 5, 10 and 15 of a period. */
    private static final int[] TABLE_DAYS = {5, 10, 15};

    private void forecast(PrintStream out, List<MinuteAverage> minutes, ZoneId z) throws IOException {
        EnergyLedger ledger = EnergyLedger.of(minutes, z);
        if (daysCsv != null) {
            writeDays(ledger, daysCsv);
        }
        int longest = ForecastBacktest.longestCoveredRunDays(ledger);
        if (longest < periodDays) {
            out.printf(Locale.ROOT, "no %d-day period with every day >= 90 %% covered (longest run of covered days: %d)%n",
                    periodDays, longest);
        }
        // The table's checkpoints, or every day of the period when it is drawn too (one pass)
        List<ForecastBacktest.CheckpointError> daily = ForecastBacktest.periodEnd(ledger, periodDays,
                plot != null ? IntStream.range(1, periodDays).toArray() : TABLE_DAYS);
        out.println("| period days | day | periods | model MAPE % | naive MAPE % |");
        for (ForecastBacktest.CheckpointError e : daily) {
            if (Arrays.stream(TABLE_DAYS).anyMatch(d -> d == e.day())) {
                out.printf(Locale.ROOT, "| %d | %d | %d | %.2f | %.2f |%n", periodDays, e.day(), e.periods(),
                        e.modelMapePercent(), e.naiveMapePercent());
            }
        }
        if (plot != null) {
            String title = String.format(Locale.ROOT, "insights-backtest: %s, %d-day periods (%d), period-end energy "
                    + "projected on each day", files.size() == 1 ? files.get(0).getFileName() : files.size() + " files",
                    periodDays, daily.isEmpty() ? 0 : daily.get(0).periods());
            ForecastPicture.write(plot, title, daily);
            System.err.println("insights-backtest: drew " + plot);
        }
        ForecastBacktest.HourlyError h = ForecastBacktest.nextDayHourly(ledger, 3);
        out.printf(Locale.ROOT, "next-day hourly WAPE over %d days: model %.1f %%, same-hour-yesterday %.1f %%%n", h.days(),
                h.modelWapePercent(), h.naiveWapePercent());
    }

    private static void writeDays(EnergyLedger ledger, Path file) throws IOException {
        List<DayEnergy> days = ledger.firstDay() == null ? List.of() : ledger.daysBefore(ledger.lastDay().plusDays(1)).reversed();
        try (PrintStream csv = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            csv.println("day,energyWh,coveredMinutes");
            days.forEach(d -> csv.printf(Locale.ROOT, "%s,%.3f,%d%n", d.day(), d.energyWattHours(), d.coveredMinutes()));
        }
        System.err.println("insights-backtest: wrote " + days.size() + " days to " + file);
    }
}
