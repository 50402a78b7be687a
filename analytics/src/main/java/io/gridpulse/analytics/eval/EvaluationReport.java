package io.gridpulse.analytics.eval;

import java.util.List;
import java.util.Locale;

/**
 * Result of {@link NilmEvaluation#evaluate}: per-appliance scores and the overall figures.
 *
 * @param appliances scores of appliances known to the model and present in the test data
 * @param overall whole-house figures
 * @param notInData model appliances absent from the test data (not scored)
 */
public record EvaluationReport(List<ApplianceScore> appliances, Overall overall, List<String> notInData) {
    public EvaluationReport {
        appliances = List.copyOf(appliances);
        notInData = List.copyOf(notInData);
    }

    /**
     * @param energyAssignedAccuracy ours (Kolter &amp; Johnson), remainder counted as unidentified
     * @param meanBaselineAccuracy the Mean baseline's
     * @param coAccuracy CO's
     * @param aggregateKwh test-period aggregate energy
     * @param trueUnidentifiedShare share of energy in appliances the model does not know
     * @param unidentifiedShare share our model left unidentified
     * @param ticks grid samples in the test period
     * @param days days with data in the test period
     */
    public record Overall(double energyAssignedAccuracy, double meanBaselineAccuracy, double coAccuracy,
                          double aggregateKwh, double trueUnidentifiedShare, double unidentifiedShare, int ticks,
                          int days) {}

    /** One score by name, or throws. */
    public ApplianceScore score(String appliance) {
        return appliances.stream().filter(s -> s.appliance().equals(appliance)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no score for " + appliance));
    }

    /**
     * JSON: {@code {"appliances":[{"appliance","maeW","meanBaselineMaeW","coMaeW","f1",
     * "energyShare",...}], "overall":{...}}}; undefined numbers are {@code null}.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"appliances\":[");
        for (int i = 0; i < appliances.size(); i++) {
            ApplianceScore s = appliances.get(i);
            sb.append(i == 0 ? "\n  " : ",\n  ").append('{')
                    .append("\"appliance\":\"").append(escape(s.appliance())).append('"')
                    .append(",\"maeW\":").append(num(s.maeW()))
                    .append(",\"meanBaselineMaeW\":").append(num(s.meanBaselineMaeW()))
                    .append(",\"coMaeW\":").append(num(s.coMaeW()))
                    .append(",\"f1\":").append(num(s.f1()))
                    .append(",\"meanBaselineF1\":").append(num(s.meanBaselineF1()))
                    .append(",\"coF1\":").append(num(s.coF1()))
                    .append(",\"energyShare\":").append(num(s.energyShare()))
                    .append(",\"trueEnergyShare\":").append(num(s.trueEnergyShare()))
                    .append(",\"onThresholdW\":").append(num(s.onThresholdW()))
                    .append('}');
        }
        Overall o = overall;
        sb.append("\n],\n\"overall\":{")
                .append("\"energyAssignedAccuracy\":").append(num(o.energyAssignedAccuracy()))
                .append(",\"meanBaselineAccuracy\":").append(num(o.meanBaselineAccuracy()))
                .append(",\"coAccuracy\":").append(num(o.coAccuracy()))
                .append(",\"aggregateKwh\":").append(num(o.aggregateKwh()))
                .append(",\"trueUnidentifiedShare\":").append(num(o.trueUnidentifiedShare()))
                .append(",\"unidentifiedShare\":").append(num(o.unidentifiedShare()))
                .append(",\"ticks\":").append(o.ticks())
                .append(",\"days\":").append(o.days())
                .append("},\n\"notInData\":[");
        for (int i = 0; i < notInData.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(escape(notInData.get(i))).append('"');
        }
        return sb.append("]}\n").toString();
    }

    /** A fixed-width text table for people. */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s %8s %8s %8s %6s %6s %7s %7s%n",
                "appliance", "maeW", "meanMae", "coMae", "f1", "coF1", "share", "true"));
        for (ApplianceScore s : appliances) {
            sb.append(String.format(Locale.ROOT, "%-18s %8.1f %8.1f %8.1f %6.3f %6.3f %7.3f %7.3f%n", s.appliance(),
                    s.maeW(), s.meanBaselineMaeW(), s.coMaeW(), s.f1(), s.coF1(), s.energyShare(),
                    s.trueEnergyShare()));
        }
        sb.append(String.format(Locale.ROOT, "energy-assigned accuracy: ours %.3f, mean %.3f, co %.3f%n",
                overall.energyAssignedAccuracy(), overall.meanBaselineAccuracy(), overall.coAccuracy()));
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
