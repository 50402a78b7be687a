package io.gridpulse.tariff.internal;

import java.util.List;

/**
 * The exact energy charge of a period and the basic charge that depends on it (tiered tariffs).
 *
 * @param basicWon exact basic charge, zero for tariffs without a tier-dependent basic charge
 * @param parts per tier or band, in display order
 */
public record EnergyPrice(Rational basicWon, List<PricedPart> parts) {
    public Rational energyWon() {
        return parts.stream().map(PricedPart::amountWon).reduce(Rational.ZERO, Rational::plus);
    }
}
