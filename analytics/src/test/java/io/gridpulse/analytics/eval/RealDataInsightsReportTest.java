package io.gridpulse.analytics.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.analytics.anomaly.AnomalyTypes;
import io.gridpulse.analytics.forecast.EnergyLedger;
import io.gridpulse.analytics.standby.MonthlyStandby;
import io.gridpulse.analytics.standby.StandbyEstimator;
import io.gridpulse.analytics.standby.StandbyReport;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Measures standby, anomaly detection and forecasts on the real traces and prints the tables of
 * docs/analytics-insights.md. Skips when ../shared/data is absent.
 */
class RealDataInsightsReportTest {
    static final long SEED = 20261125L;
    static final int RUNS = 10;
    static final int PER_RUN = 4;
    static final List<String> TYPES = List.of(AnomalyTypes.USAGE_HIGH, AnomalyTypes.APPLIANCE_LEFT_ON,
            AnomalyTypes.BASELOAD_JUMP, AnomalyTypes.METER_SILENT);

    private static List<RealTraces.Trace> traces() {
        List<RealTraces.Trace> list = Stream.of(RealTraces.gjw("2013-11-20"), RealTraces.gjw("2015-06-10"), RealTraces.reddHouse5())
                .flatMap(Optional::stream).toList();
        assumeTrue(!list.isEmpty(), "../shared/data is absent (set GRIDPULSE_SHARED_DATA): real-data evaluation skipped");
        return list;
    }

    @Test
    void standbyEstimatesArePlausibleOnRealHomes() {
        for (RealTraces.Trace t : traces()) {
            StandbyReport r = StandbyEstimator.estimate(t.minutes(), t.zone());
            for (MonthlyStandby m : r.months()) {
                System.out.printf(Locale.ROOT, "STANDBY %s %s days=%d encoredW=%.1f robustW=%.1f standbyEnergyWh=%.0f%n",
                        t.name(), m.month(), m.days(), m.encoredBaseloadWatts(), m.baseloadWatts(), m.standbyEnergyWattHours());
            }
            System.out.printf(Locale.ROOT, "STANDBY %s trendWPerMonth=%.1f jumps=%d days=%d%n", t.name(), r.trendWattsPerMonth(),
                    r.jumps().size(), r.days().size());
            assertThat(r.days()).isNotEmpty().allSatisfy(d -> {
                assertThat(d.nightLowPercentileWatts()).isBetween(0.0, 5000.0);
                assertThat(d.lowestQuarterHourWatts()).isBetween(0.0, 5000.0);
            });
        }
    }

    /**
     * Lower bounds (precision, recall) a little below the pooled figures measured on 2026-11-26 over
     * all three traces (docs/analytics-insights.md): a change that loses either fails here.
     */
    static final Map<String, double[]> POOLED_AT_LEAST = Map.of(
            AnomalyTypes.USAGE_HIGH, new double[] {0.58, 0.77},
            AnomalyTypes.APPLIANCE_LEFT_ON, new double[] {0.72, 0.95},
            AnomalyTypes.BASELOAD_JUMP, new double[] {0.60, 0.90},
            AnomalyTypes.METER_SILENT, new double[] {0.85, 0.95});

    @Test
    void injectedAnomaliesAreFoundPerType() {
        System.out.println("ANOMALY seed=" + SEED + " runs=" + RUNS + " perRun=" + PER_RUN);
        List<RealTraces.Trace> traces = traces();
        for (String type : TYPES) {
            DetectionScore all = new DetectionScore(type, 0, 0, 0, 0);
            for (RealTraces.Trace t : traces) {
                DetectionScore s = AnomalyEvaluation.score(t.minutes(), t.zone(), type, RUNS, PER_RUN, SEED);
                print(t.name(), s);
                all = all.plus(s);
            }
            print("all", all);
            assertThat(all.injected()).isPositive();
            if (traces.size() == 3) {
                assertThat(all.precision()).as("%s pooled precision", type).isGreaterThanOrEqualTo(POOLED_AT_LEAST.get(type)[0]);
                assertThat(all.recall()).as("%s pooled recall", type).isGreaterThanOrEqualTo(POOLED_AT_LEAST.get(type)[1]);
            }
        }
    }

    @Test
    void periodEndProjectionIsComparedWithNaiveAtDayFiveTenFifteen() {
        for (RealTraces.Trace t : traces()) {
            EnergyLedger ledger = EnergyLedger.of(t.minutes(), t.zone());
            for (int periodDays : new int[] {12, 16, 20}) {
                for (ForecastBacktest.CheckpointError e : ForecastBacktest.periodEnd(ledger, periodDays, 5, 10, 15)) {
                    System.out.printf(Locale.ROOT, "FORECAST %s periodDays=%d day=%d periods=%d modelMAPE=%.2f%% naiveMAPE=%.2f%%%n",
                            t.name(), periodDays, e.day(), e.periods(), e.modelMapePercent(), e.naiveMapePercent());
                }
            }
            ForecastBacktest.HourlyError h = ForecastBacktest.nextDayHourly(ledger, 3);
            System.out.printf(Locale.ROOT, "HOURLY %s days=%d modelWAPE=%.1f%% naiveYesterdayWAPE=%.1f%%%n",
                    t.name(), h.days(), h.modelWapePercent(), h.naiveWapePercent());
        }
    }

    /**
     * Guards the cells where the period-end projection measured better than naive (docs/analytics.md):
     * a change that loses one of them, or raises the mean ratio, fails here. Re-pinned on 2026-11-27
     * when the days just before a period started to count even when fewer than 14: on these two
     * dumps 4 of 10 cells beat naive (6 before) and the mean ratio rose from 0.95 to 1.035, while
     * over all 26 public dumps of the same home, these two among them, the projection went from
     * tying naive to beating it at every checkpoint ({@link PublicGjwDumpsForecastTest}).
     */
    @Test
    void periodEndProjectionKeepsItsMeasuredEdgeOverNaive() {
        Map<String, int[][]> betterCells = Map.of(
                "gjw-2015-06-10", new int[][] {{12, 5}, {16, 10}},
                "gjw-2013-11-20", new int[][] {{12, 5}, {12, 10}});
        double ratioSum = 0;
        int cells = 0;
        for (RealTraces.Trace t : traces()) {
            EnergyLedger ledger = EnergyLedger.of(t.minutes(), t.zone());
            for (int periodDays : new int[] {12, 16, 20}) {
                for (ForecastBacktest.CheckpointError e : ForecastBacktest.periodEnd(ledger, periodDays, 5, 10, 15)) {
                    if (e.periods() == 0) {
                        continue;
                    }
                    ratioSum += e.modelMapePercent() / e.naiveMapePercent();
                    cells++;
                    boolean pinned = Arrays.stream(betterCells.getOrDefault(t.name(), new int[0][]))
                            .anyMatch(c -> c[0] == periodDays && c[1] == e.day());
                    if (pinned) {
                        assertThat(e.modelMapePercent()).as("%s L=%d day %d", t.name(), periodDays, e.day())
                                .isLessThan(e.naiveMapePercent());
                    }
                }
            }
        }
        assertThat(cells).isEqualTo(10);
        System.out.printf(Locale.ROOT, "FORECAST mean model/naive ratio %.4f over %d cells%n", ratioSum / cells, cells);
        assertThat(ratioSum / cells).as("mean model/naive MAPE ratio").isLessThan(1.04);
    }

    /** Why no 30-day (or even 24-day) period can be backtested on the shared traces. */
    @Test
    void sharedTracesHoldAtMostTwentyThreeConsecutiveCoveredDays() {
        Map<String, Integer> longest = new java.util.TreeMap<>();
        for (RealTraces.Trace t : traces()) {
            EnergyLedger ledger = EnergyLedger.of(t.minutes(), t.zone());
            int days = ForecastBacktest.longestCoveredRunDays(ledger);
            longest.put(t.name(), days);
            assertThat(ForecastBacktest.periodEnd(ledger, days + 1, 5)).allSatisfy(e -> assertThat(e.periods()).isZero());
            if (days > 5) {
                assertThat(ForecastBacktest.periodEnd(ledger, days, 5)).allSatisfy(e -> assertThat(e.periods()).isEqualTo(1));
            }
        }
        System.out.println("FORECAST longest covered runs (days): " + longest);
        assertThat(longest).containsEntry("gjw-2015-06-10", 23).containsEntry("gjw-2013-11-20", 12);
        assertThat(longest.get("redd-house5")).isLessThan(5);
    }

    private static void print(String trace, DetectionScore s) {
        double f1 = 2 * s.precision() * s.recall() / (s.precision() + s.recall());
        System.out.printf(Locale.ROOT, "ANOMALY %s %s injected=%d detected=%d events=%d matched=%d precision=%.2f recall=%.2f f1=%.2f%n",
                trace, s.type(), s.injected(), s.detected(), s.events(), s.matchedEvents(), s.precision(), s.recall(), f1);
    }
}
