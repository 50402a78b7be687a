package io.gridpulse.tariff.internal;

import java.math.RoundingMode;

/**
 * One official rounding step, e.g. "원 미만 절사" = (1, DOWN), "10원 미만 절사" = (10, DOWN),
 * "원 미만 4사 5입" = (1, HALF_UP).
 *
 * @param stepWon the amount is rounded to a multiple of this many won (1 or 10)
 * @param mode how to round; DOWN truncates toward zero (절사)
 */
public record RoundingRule(long stepWon, RoundingMode mode) {
    public static final RoundingRule WON_DOWN = new RoundingRule(1, RoundingMode.DOWN);

    public RoundingRule {
        if (stepWon < 1) {
            throw new IllegalArgumentException("rounding step must be >= 1 won");
        }
        if (mode == RoundingMode.UNNECESSARY) {
            throw new IllegalArgumentException("rounding mode must round");
        }
    }

    public long apply(Rational amountWon) {
        return amountWon.roundToStep(stepWon, mode);
    }
}
