package io.gridpulse.tariff.internal;

import java.math.BigDecimal;

/**
 * A charge that does not depend on energy.
 *
 * @param item stable line-item id
 * @param per {@code MONTH} (pro-rated by days / month days) or {@code DAY}
 * @param amountWon won per month or per day
 */
public record FixedCharge(String item, LocalizedText label, Per per, BigDecimal amountWon) {
    /** What the amount is per. */
    public enum Per { MONTH, DAY }
}
