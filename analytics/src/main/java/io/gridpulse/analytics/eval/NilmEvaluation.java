package io.gridpulse.analytics.eval;

import io.gridpulse.analytics.nilm.ApplianceDataset;
import io.gridpulse.analytics.nilm.ApplianceModel;
import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.baseline.CombinatorialOptimisation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a model and the Mean and CO baselines (both built from the same training period, stored
 * in the model) on a sub-metered test period. Appliances of the test data unknown to the model
 * count as part of the true "unidentified" remainder.
 */
public final class NilmEvaluation {
    /** Label of the remainder not assigned to any known appliance. */
    public static final String UNIDENTIFIED = "unidentified";

    private NilmEvaluation() {}

    /**
     * A scored run with the per-tick estimates behind it (for pictures and probes).
     *
     * @param ours our estimate per model appliance, W per test tick
     * @param co CO's estimate per model appliance, W per test tick
     */
    public record Run(EvaluationReport report, Map<String, double[]> ours, Map<String, double[]> co) {}

    /** Runs all three methods on {@code test} and scores them. */
    public static EvaluationReport evaluate(NilmModel model, ApplianceDataset test) {
        return run(model, test).report();
    }

    /** As {@link #evaluate}, keeping the estimates. */
    public static Run run(NilmModel model, ApplianceDataset test) {
        double[] aggregate = test.aggregateW();
        List<ApplianceModel> known = model.appliances().stream().filter(a -> test.hasAppliance(a.name())).toList();
        Map<String, double[]> ours = model.estimate(test);
        Map<String, double[]> mean = meanBaseline(model, aggregate.length);
        Map<String, double[]> co = coBaseline(model).disaggregate(aggregate);
        List<ApplianceScore> scores = new ArrayList<>();
        double totalKwh = NilmMetrics.energyKwh(aggregate, test.stepMs());
        for (ApplianceModel a : known) {
            double[] truth = test.applianceW(a.name());
            double th = a.onThresholdW();
            // The on/off state ours reports (ApplianceModel.onEvidenceW): a typical level follows the
            // clock, so F1 scores the trees' part of an estimate, not the level crossing the threshold.
            double[] oursOnOff = a.onEvidenceW(ours.get(a.name()), test.timestampsMs());
            scores.add(new ApplianceScore(a.name(),
                    NilmMetrics.maeW(truth, ours.get(a.name())),
                    NilmMetrics.maeW(truth, mean.get(a.name())),
                    NilmMetrics.maeW(truth, co.get(a.name())),
                    NilmMetrics.f1(truth, oursOnOff, th),
                    NilmMetrics.f1(truth, mean.get(a.name()), th),
                    NilmMetrics.f1(truth, co.get(a.name()), th),
                    NilmMetrics.energyKwh(ours.get(a.name()), test.stepMs()) / totalKwh,
                    NilmMetrics.energyKwh(truth, test.stepMs()) / totalKwh, th, a.estimateKind()));
        }
        List<double[]> truths = new ArrayList<>();
        known.forEach(a -> truths.add(test.applianceW(a.name())));
        truths.add(remainder(aggregate, truths));
        var overall = new EvaluationReport.Overall(
                accuracy(truths, known, ours, aggregate),
                accuracy(truths, known, mean, aggregate),
                accuracy(truths, known, co, aggregate),
                NilmMetrics.energyKwh(aggregate, test.stepMs()),
                NilmMetrics.energyKwh(truths.getLast(), test.stepMs()) / totalKwh,
                NilmMetrics.energyKwh(remainder(aggregate, select(known, ours)), test.stepMs()) / totalKwh,
                test.size(), test.days(java.time.ZoneOffset.UTC).size());
        List<String> missing = model.applianceNames().stream().filter(a -> !test.hasAppliance(a)).toList();
        return new Run(new EvaluationReport(scores, overall, missing, unknownLoads(model, test, known, ours, co)), ours,
                co);
    }

    /** An unknown load counts as on at a tick when the unknown loads together draw more than this. */
    static final double UNKNOWN_ON_W = 30;

    /**
     * How much of the energy of test loads the model does not know went to known appliances: over the
     * ticks those loads were on, Σ known estimates − Σ known truth, as a share of the unknown loads'
     * energy. Loads with less than 0.1 % of the test energy are left out (standby of idle circuits).
     */
    static EvaluationReport.UnknownLoads unknownLoads(NilmModel model, ApplianceDataset test, List<ApplianceModel> known,
                                                      Map<String, double[]> ours, Map<String, double[]> co) {
        double totalKwh = NilmMetrics.energyKwh(test.aggregateW(), test.stepMs());
        List<String> unknown = test.appliances().stream()
                .filter(a -> !model.applianceNames().contains(a))
                .filter(a -> NilmMetrics.energyKwh(test.applianceW(a), test.stepMs()) > 0.001 * totalKwh)
                .toList();
        if (unknown.isEmpty()) {
            return EvaluationReport.UnknownLoads.NONE;
        }
        double unknownW = 0;
        double oursExcessW = 0;
        double coExcessW = 0;
        for (int i = 0; i < test.size(); i++) {
            double u = 0;
            for (String a : unknown) {
                u += test.applianceW(a)[i];
            }
            if (u <= UNKNOWN_ON_W) {
                continue;
            }
            unknownW += u;
            for (ApplianceModel a : known) {
                double truth = test.applianceW(a.name())[i];
                oursExcessW += ours.get(a.name())[i] - truth;
                coExcessW += co.get(a.name())[i] - truth;
            }
        }
        return new EvaluationReport.UnknownLoads(unknown, unknownW * test.stepMs() / 3.6e9,
                unknownW == 0 ? Double.NaN : oursExcessW / unknownW, unknownW == 0 ? Double.NaN : coExcessW / unknownW);
    }

    /** The Mean baseline: each appliance at its training mean. */
    public static Map<String, double[]> meanBaseline(NilmModel model, int length) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (ApplianceModel a : model.appliances()) {
            double[] s = new double[length];
            Arrays.fill(s, a.meanW());
            out.put(a.name(), s);
        }
        return out;
    }

    /** The CO baseline over the model's appliances and their training states. */
    public static CombinatorialOptimisation coBaseline(NilmModel model) {
        Map<String, double[]> states = new LinkedHashMap<>();
        model.appliances().forEach(a -> states.put(a.name(), a.statesW()));
        return new CombinatorialOptimisation(states);
    }

    private static double accuracy(List<double[]> truths, List<ApplianceModel> known, Map<String, double[]> predicted,
                                   double[] aggregate) {
        List<double[]> preds = select(known, predicted);
        preds.add(remainder(aggregate, preds));
        return NilmMetrics.energyAssignedAccuracy(truths, preds, aggregate);
    }

    private static List<double[]> select(List<ApplianceModel> known, Map<String, double[]> predicted) {
        List<double[]> out = new ArrayList<>();
        known.forEach(a -> out.add(predicted.get(a.name())));
        return out;
    }

    /** {@code max(0, aggregate - Σ parts)} per tick. */
    static double[] remainder(double[] aggregate, List<double[]> parts) {
        double[] rest = aggregate.clone();
        for (double[] p : parts) {
            for (int i = 0; i < rest.length; i++) {
                rest[i] -= p[i];
            }
        }
        for (int i = 0; i < rest.length; i++) {
            rest[i] = Math.max(0, rest[i]);
        }
        return rest;
    }
}
