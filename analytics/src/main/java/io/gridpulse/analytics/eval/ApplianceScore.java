package io.gridpulse.analytics.eval;

import io.gridpulse.analytics.nilm.ApplianceModel;

/**
 * One appliance's scores on a test period; NaN where undefined (e.g. F1 when never on).
 *
 * @param appliance label
 * @param maeW our model's mean absolute error (W)
 * @param meanBaselineMaeW the Mean baseline's MAE (W)
 * @param coMaeW the CO baseline's MAE (W)
 * @param f1 our on/off F1
 * @param meanBaselineF1 Mean baseline's on/off F1
 * @param coF1 CO's on/off F1
 * @param energyShare share of the test aggregate energy our model assigned to the appliance
 * @param trueEnergyShare the appliance's true share of the test aggregate energy
 * @param onThresholdW threshold used for on/off (W)
 * @param estimate how ours estimates the appliance: {@link ApplianceModel#RECOGNISED} (trees on the aggregate),
 *     {@link ApplianceModel#TYPICAL_LEVEL} (its typical level alone: too few training runs, or trees that lost to
 *     it on held-back days) or {@link ApplianceModel#BLENDED} (half each)
 */
public record ApplianceScore(String appliance, double maeW, double meanBaselineMaeW, double coMaeW, double f1,
                             double meanBaselineF1, double coF1, double energyShare, double trueEnergyShare,
                             double onThresholdW, String estimate) {
    public boolean typicalLevel() {
        return ApplianceModel.TYPICAL_LEVEL.equals(estimate);
    }
}
