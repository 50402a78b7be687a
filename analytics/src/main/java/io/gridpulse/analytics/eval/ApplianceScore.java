package io.gridpulse.analytics.eval;

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
 * @param typicalLevel our model estimates the appliance at its typical level (no trees: too few
 *     training runs, or trees that lost to that level on held-back days), not from its runs
 */
public record ApplianceScore(String appliance, double maeW, double meanBaselineMaeW, double coMaeW, double f1,
                             double meanBaselineF1, double coF1, double energyShare, double trueEnergyShare,
                             double onThresholdW, boolean typicalLevel) {}
