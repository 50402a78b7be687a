package io.gridpulse.tariff.internal;

import java.math.BigDecimal;

/**
 * Exact share of the energy charge for one tier or time-of-use band.
 *
 * @param kwh energy priced, kWh (weighted by days when the period spans versions)
 * @param amountWon exact amount in won
 * @param rateWonPerKwh the rate when one rate applied throughout, else null
 */
public record PricedPart(String item, LocalizedText label, Rational kwh, Rational amountWon, BigDecimal rateWonPerKwh) {
    PricedPart add(Rational moreKwh, Rational moreWon, BigDecimal rate) {
        BigDecimal sameRate = rateWonPerKwh != null && rate != null && rateWonPerKwh.compareTo(rate) == 0 ? rate : null;
        return new PricedPart(item, label, kwh.plus(moreKwh), amountWon.plus(moreWon), sameRate);
    }
}
