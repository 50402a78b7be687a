package io.gridpulse.analytics.eval;

import io.gridpulse.analytics.nilm.ApplianceModel;
import java.util.List;
import java.util.Locale;

/**
 * Result of {@link NilmEvaluation#evaluate}: per-appliance scores and the overall figures.
 *
 * @param appliances scores of appliances known to the model and present in the test data
 * @param overall whole-house figures
 * @param notInData model appliances absent from the test data (not scored)
 * @param unknownLoads sub-metered test loads the model does not know, and how much of them went to
 *     known appliances
 */
public record EvaluationReport(List<ApplianceScore> appliances, Overall overall, List<String> notInData,
                               UnknownLoads unknownLoads) {
    public EvaluationReport {
        appliances = List.copyOf(appliances);
        notInData = List.copyOf(notInData);
    }

    /**
     * Loads that ran in the test period but are not modelled (never sub-metered in training, or too
     * small there): the issue wants them left "unidentified", not forced onto known appliances.
     *
     * @param appliances their labels (those that drew energy in the test period)
     * @param kwhWhileOn their energy over the ticks they were on
     * @param absorbedShare ours: (Σ known estimates − Σ known truth) over those ticks, as a share of
     *     their energy; 0 = all of it left unidentified, 1 = all of it given to known appliances
     * @param coAbsorbedShare the same for CO
     */
    public record UnknownLoads(List<String> appliances, double kwhWhileOn, double absorbedShare,
                               double coAbsorbedShare) {
        public static final UnknownLoads NONE = new UnknownLoads(List.of(), 0, Double.NaN, Double.NaN);

        public UnknownLoads {
            appliances = List.copyOf(appliances);
        }
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
     * "energyShare",...,"estimate"}], "overall":{...}}}; undefined numbers are {@code null};
     * {@code estimate} is {@code recognised}, {@code typicalLevel} or {@code blended} (as in the appliance API).
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
                    .append(",\"estimate\":\"").append(s.estimate()).append('"')
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
                .append("},\n\"notInData\":").append(strings(notInData))
                .append(",\n\"unknownLoads\":{\"appliances\":").append(strings(unknownLoads.appliances()))
                .append(",\"kwhWhileOn\":").append(num(unknownLoads.kwhWhileOn()))
                .append(",\"absorbedShare\":").append(num(unknownLoads.absorbedShare()))
                .append(",\"coAbsorbedShare\":").append(num(unknownLoads.coAbsorbedShare()))
                .append("}}\n");
        return sb.toString();
    }

    private static String byColumn(String estimate) {
        return switch (estimate) {
            case ApplianceModel.TYPICAL_LEVEL -> "level";
            case ApplianceModel.BLENDED -> "blend";
            default -> "trees";
        };
    }

    /** A fixed-width text table for people. */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s %8s %8s %8s %7s %6s %6s %7s %7s  %s%n",
                "appliance", "maeW", "meanMae", "coMae", "÷mean", "f1", "coF1", "share", "true", "by"));
        for (ApplianceScore s : appliances) {
            // ours ÷ Mean: the target is at most 0.5 (and below CO)
            sb.append(String.format(Locale.ROOT, "%-18s %8.1f %8.1f %8.1f %7.2f %6.3f %6.3f %7.3f %7.3f  %s%n", s.appliance(),
                    s.maeW(), s.meanBaselineMaeW(), s.coMaeW(), s.maeW() / s.meanBaselineMaeW(), s.f1(), s.coF1(),
                    s.energyShare(), s.trueEnergyShare(), byColumn(s.estimate())));
        }
        if (appliances.stream().anyMatch(s -> !s.estimate().equals(ApplianceModel.RECOGNISED))) {
            sb.append("by: trees = estimated from the aggregate; level = the appliance's typical level (its runs"
                    + " are not recognised); blend = half each\n");
        }
        sb.append(String.format(Locale.ROOT, "energy-assigned accuracy: ours %.3f, mean %.3f, co %.3f%n",
                overall.energyAssignedAccuracy(), overall.meanBaselineAccuracy(), overall.coAccuracy()));
        if (!unknownLoads.appliances().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "loads the model does not know %s: %.2f kWh while on; given to known "
                            + "appliances: ours %.1f %%, co %.1f %%%n", unknownLoads.appliances(), unknownLoads.kwhWhileOn(),
                    100 * unknownLoads.absorbedShare(), 100 * unknownLoads.coAbsorbedShare()));
        }
        return sb.toString();
    }

    private static String strings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(escape(values.get(i))).append('"');
        }
        return sb.append(']').toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
