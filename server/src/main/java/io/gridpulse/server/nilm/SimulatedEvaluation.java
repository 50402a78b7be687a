package io.gridpulse.server.nilm;

import io.gridpulse.analytics.eval.NilmMetrics;
import io.gridpulse.analytics.nilm.ApplianceDataset;
import io.gridpulse.analytics.nilm.ApplianceModel;
import io.gridpulse.analytics.nilm.NilmModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a model on a held-out sub-metered period of a simulated home: per modelled appliance the
 * MAE (W) of ours and of the Mean baseline, on/off F1 and energy share estimated vs true; then the
 * unidentified remainder and the energy-assigned accuracy (Kolter &amp; Johnson). Appliances the
 * model does not know (below its energy threshold) count in the true remainder.
 *
 * @param appliances one row per modelled appliance, model order
 * @param unidentifiedShare share of the aggregate energy left unidentified by the model
 * @param trueUnidentifiedShare share of the aggregate energy of appliances the model does not know
 *     (can be a hair below 0: meter noise is booked to "standby")
 * @param energyAssignedAccuracy over the modelled appliances plus the remainder
 * @param energyKwh the period's aggregate energy
 */
public record SimulatedEvaluation(List<Row> appliances, double unidentifiedShare, double trueUnidentifiedShare,
                                  double energyAssignedAccuracy, double energyKwh) {
    /** One appliance's scores; energy shares are of the aggregate's energy. */
    public record Row(String appliance, double maeW, double meanBaselineMaeW, double f1, double energyShare,
                      double trueEnergyShare) {}

    public static SimulatedEvaluation of(NilmModel model, ApplianceDataset test) {
        double[] aggregate = test.aggregateW();
        long step = test.stepMs();
        double totalKwh = NilmMetrics.energyKwh(aggregate, step);
        Map<String, double[]> ours = model.estimate(test);
        List<Row> rows = new ArrayList<>();
        List<double[]> truths = new ArrayList<>();
        List<double[]> predictions = new ArrayList<>();
        for (ApplianceModel a : model.appliances()) {
            double[] truth = test.hasAppliance(a.name()) ? test.applianceW(a.name()) : new double[aggregate.length];
            double[] predicted = ours.get(a.name());
            rows.add(new Row(a.name(), NilmMetrics.maeW(truth, predicted), NilmMetrics.maeW(truth, constant(a.meanW(), truth.length)),
                    NilmMetrics.f1(truth, predicted, a.onThresholdW()), NilmMetrics.energyKwh(predicted, step) / totalKwh,
                    NilmMetrics.energyKwh(truth, step) / totalKwh));
            truths.add(truth);
            predictions.add(predicted);
        }
        double[] trueRest = remainder(aggregate, truths);
        double[] ourRest = remainder(aggregate, predictions);
        truths.add(trueRest);
        predictions.add(ourRest);
        return new SimulatedEvaluation(rows, NilmMetrics.energyKwh(ourRest, step) / totalKwh,
                NilmMetrics.energyKwh(trueRest, step) / totalKwh,
                NilmMetrics.energyAssignedAccuracy(truths, predictions, aggregate), totalKwh);
    }

    /** A fixed-width table for people (stdout of the demo and of {@code nilm simulated}). */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-20s %7s %8s %6s %7s %7s%n",
                "appliance", "maeW", "meanMaeW", "f1", "share", "true"));
        for (Row r : appliances) {
            sb.append(String.format(Locale.ROOT, "  %-20s %7.1f %8.1f %6.3f %7.3f %7.3f%n", r.appliance(), r.maeW(),
                    r.meanBaselineMaeW(), r.f1(), r.energyShare(), r.trueEnergyShare()));
        }
        sb.append(String.format(Locale.ROOT, "  %-20s %7s %8s %6s %7.3f %7.3f%n", "unidentified", "", "", "",
                unidentifiedShare, Math.max(0, trueUnidentifiedShare)));
        sb.append(String.format(Locale.ROOT, "  energy-assigned accuracy %.3f over %.2f kWh%n", energyAssignedAccuracy, energyKwh));
        return sb.toString();
    }

    private static double[] constant(double value, int length) {
        double[] out = new double[length];
        java.util.Arrays.fill(out, value);
        return out;
    }

    private static double[] remainder(double[] aggregate, List<double[]> parts) {
        double[] rest = aggregate.clone();
        for (double[] p : parts) {
            for (int i = 0; i < rest.length; i++) {
                rest[i] -= p[i];
            }
        }
        return rest;
    }
}
