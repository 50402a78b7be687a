package io.gridpulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import io.gridpulse.core.InvalidInputException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            + "several are merged (overlapping dumps: one reading per timestamp); or one REDD low_freq house folder "
            + "(its mains legs summed, else its circuits)")
    List<Path> files;

    @Option(names = "--format", description = "gjw, redd, tracebase or csv (default: guessed from the first file's name "
            + "or first line)")
    String format;

    @Option(names = "--zone", description = "local zone (default: the format's zone; America/New_York for a REDD house)")
    ZoneId zone;

    @Option(names = "--hold-minutes", description = "longest a reading is held, minutes (default 60; 5 for a REDD house)")
    Integer holdMinutes;

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

    @Option(names = "--json", description = "print one JSON object instead of the tables")
    boolean json;

    /** The checkpoints: days 5, 10 and 15 of a period. */
    private static final int[] TABLE_DAYS = {5, 10, 15};
    private static final List<String> ANOMALY_TYPES = List.of(AnomalyTypes.USAGE_HIGH, AnomalyTypes.APPLIANCE_LEFT_ON,
            AnomalyTypes.BASELOAD_JUMP, AnomalyTypes.METER_SILENT);

    /** Everything one run measures, printed as tables or as JSON. */
    private record Results(int readings, int minutes, ZoneId zone, StandbyReport standby, List<DetectionScore> anomalies,
            int longestCoveredRunDays, List<ForecastBacktest.CheckpointError> forecast, ForecastBacktest.HourlyError hourly) {}

    @Override
    public Integer call() throws IOException {
        WholeHouse house = load();
        List<MinuteAverage> minutes = house.minutes();
        ZoneId z = house.zone();
        EnergyLedger ledger = EnergyLedger.of(minutes, z);
        if (daysCsv != null) {
            writeDays(ledger, daysCsv);
        }
        // The table's checkpoints, or every day of the period when it is drawn too (one pass)
        List<ForecastBacktest.CheckpointError> daily = ForecastBacktest.periodEnd(ledger, periodDays,
                plot != null ? IntStream.range(1, periodDays).toArray() : TABLE_DAYS);
        if (plot != null) {
            String title = String.format(Locale.ROOT, "insights-backtest: %s, %d-day periods (%d), period-end energy "
                    + "projected on each day", files.size() == 1 ? files.get(0).getFileName() : files.size() + " files",
                    periodDays, daily.isEmpty() ? 0 : daily.get(0).periods());
            ForecastPicture.write(plot, title, daily);
            System.err.println("insights-backtest: drew " + plot);
        }
        Results r = new Results(house.readings(), minutes.size(), z, StandbyEstimator.estimate(minutes, z),
                ANOMALY_TYPES.stream().map(type -> AnomalyEvaluation.score(minutes, z, type, runs, 4, seed)).toList(),
                ForecastBacktest.longestCoveredRunDays(ledger),
                daily.stream().filter(e -> Arrays.stream(TABLE_DAYS).anyMatch(d -> d == e.day())).toList(),
                ForecastBacktest.nextDayHourly(ledger, 3));
        System.out.print(json ? json(r) : tables(r));
        return 0;
    }

    /** One home's whole-house power as minutes, how many readings made them, and its local zone. */
    private record WholeHouse(List<MinuteAverage> minutes, int readings, ZoneId zone) {}

    private WholeHouse load() {
        if (files.size() == 1 && ReddHouseSeries.isHouseFolder(files.get(0))) {
            ReddHouseSeries.Series house = ReddHouseSeries.read(files.get(0),
                    (holdMinutes == null ? ReddHouseSeries.HOLD_MINUTES : holdMinutes) * 60_000L);
            if (house.minutes().isEmpty()) {
                throw new InvalidInputException("file", "no channel of " + files.get(0) + " holds readings");
            }
            System.err.println("insights-backtest: REDD house folder, the sum of its " + house.channels());
            return new WholeHouse(house.minutes(), house.readings(), zone == null ? ReddHouseSeries.ZONE : zone);
        }
        files.stream().filter(Files::isDirectory).findFirst().ifPresent(folder -> {
            throw new InvalidInputException("file", folder + " is a folder but not a REDD house (no labels.dat); give one "
                    + "meter's whole-house power files, or one REDD low_freq house folder");
        });
        DatasetFormat f = format != null ? DatasetFormat.parse(format) : DatasetFormat.guess(files.get(0));
        ZoneId z = zone == null ? f.defaultZone() : zone;
        List<Reading> readings = merged(new DatasetReader(f, z), files);
        if (readings.isEmpty()) {
            DatasetReader reader = new DatasetReader(f, z);
            boolean noDataLines = files.stream().allMatch(file -> reader.readWhole(file).rejectedLines() == 0);
            throw new InvalidInputException("file", noDataLines ? "no readings in " + files + " (empty, or a header alone)"
                    : "no line of " + files + " reads as " + f.name().toLowerCase(Locale.ROOT) + "; give its --format");
        }
        long holdMs = holdMinutes == null ? MinuteSeries.DEFAULT_HOLD_LIMIT_MS : holdMinutes * 60_000L;
        return new WholeHouse(MinuteSeries.fromReadings(readings, holdMs), readings.size(), z);
    }

    /** The files' readings in time order, one per timestamp (the last file's wins). */
    static List<Reading> merged(DatasetReader reader, List<Path> files) {
        TreeMap<Long, Reading> byTime = new TreeMap<>();
        for (Path file : files) {
            reader.readAll(file).forEach(r -> byTime.put(r.timestampMs(), r));
        }
        return new ArrayList<>(byTime.values());
    }

    private String tables(Results r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d readings, %d minutes, zone %s, seed %d%n",
                files.size() == 1 ? files.get(0) : files.size() + " files", r.readings(), r.minutes(), r.zone(), seed));
        out.append("| month | days | Encored W | robust W | standbyEnergyWh |\n");
        for (MonthlyStandby m : r.standby().months()) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.0f |%n", m.month(), m.days(),
                    m.encoredBaseloadWatts(), m.baseloadWatts(), m.standbyEnergyWattHours()));
        }
        out.append(String.format(Locale.ROOT, "trend %.1f W/month, %d jump(s)%n", r.standby().trendWattsPerMonth(),
                r.standby().jumps().size()));
        out.append("| type | planted | detected | events | precision | recall |\n");
        for (DetectionScore s : r.anomalies()) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.2f |%n", s.type(), s.injected(),
                    s.detected(), s.events(), s.precision(), s.recall()));
        }
        if (r.longestCoveredRunDays() < periodDays) {
            out.append(String.format(Locale.ROOT, "no %d-day period with every day >= 90 %% covered (longest run of "
                    + "covered days: %d)%n", periodDays, r.longestCoveredRunDays()));
        }
        out.append("| period days | day | periods | model MAPE % | naive MAPE % |\n");
        for (ForecastBacktest.CheckpointError e : r.forecast()) {
            out.append(String.format(Locale.ROOT, "| %d | %d | %d | %.2f | %.2f |%n", periodDays, e.day(), e.periods(),
                    e.modelMapePercent(), e.naiveMapePercent()));
        }
        ForecastBacktest.HourlyError h = r.hourly();
        out.append(String.format(Locale.ROOT, "next-day hourly WAPE over %d days: model %.1f %%, same-hour-yesterday "
                + "%.1f %%%n", h.days(), h.modelWapePercent(), h.naiveWapePercent()));
        return out.toString();
    }

    private String json(Results r) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("files", files.stream().map(Path::toString).toList());
        root.put("readings", r.readings());
        root.put("minutes", r.minutes());
        root.put("zone", r.zone().getId());
        root.put("seed", seed);
        Map<String, Object> standby = new LinkedHashMap<>();
        standby.put("months", r.standby().months().stream().map(m -> fields(
                "month", m.month().toString(), "days", m.days(), "encoredBaseloadW", m.encoredBaseloadWatts(),
                "baseloadW", m.baseloadWatts(), "standbyEnergyWh", m.standbyEnergyWattHours())).toList());
        standby.put("trendWPerMonth", number(r.standby().trendWattsPerMonth()));
        standby.put("jumps", r.standby().jumps().size());
        root.put("standby", standby);
        root.put("anomalies", r.anomalies().stream().map(s -> fields("type", s.type(), "planted", s.injected(),
                "detected", s.detected(), "events", s.events(), "precision", s.precision(), "recall", s.recall())).toList());
        Map<String, Object> forecast = new LinkedHashMap<>();
        forecast.put("periodDays", periodDays);
        forecast.put("longestCoveredRunDays", r.longestCoveredRunDays());
        forecast.put("checkpoints", r.forecast().stream().map(e -> fields("day", e.day(), "periods", e.periods(),
                "modelMapePercent", e.modelMapePercent(), "naiveMapePercent", e.naiveMapePercent())).toList());
        root.put("periodEndForecast", forecast);
        ForecastBacktest.HourlyError h = r.hourly();
        root.put("nextDayHourly", fields("days", h.days(), "modelWapePercent", h.modelWapePercent(),
                "sameHourYesterdayWapePercent", h.naiveWapePercent()));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    /** Name/value pairs in order; NaN (nothing to measure) becomes null, which JSON can carry. */
    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1] instanceof Double d ? number(d) : pairs[i + 1]);
        }
        return m;
    }

    private static Double number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
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
