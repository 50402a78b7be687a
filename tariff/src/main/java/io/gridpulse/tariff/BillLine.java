package io.gridpulse.tariff;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One line of a bill.
 *
 * @param item stable machine id, e.g. {@code basic}, {@code energy}, {@code energy.tier2},
 *     {@code climate}, {@code fuelAdjustment}, {@code electricityCharge}, {@code vat}, {@code fund},
 *     {@code total}
 * @param labelKo Korean label as on a KEPCO bill (e.g. 기본요금)
 * @param labelEn English label
 * @param kind {@code charge} (adds into 전기요금계), {@code deduction} (negative amount),
 *     {@code detail} (breakdown of the line above, not added again), {@code subtotal},
 *     {@code tax} or {@code total}
 * @param amountWon whole won after the line's official rounding; a detail line shows its exact
 *     share truncated to the won, so details need not add up to their parent exactly
 * @param energyKwh energy the line prices, in kWh, or null
 * @param rateWonPerKwh unit price in won/kWh, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BillLine(String item, String labelKo, String labelEn, String kind, long amountWon,
                       BigDecimal energyKwh, BigDecimal rateWonPerKwh) {
    public static final String CHARGE = "charge";
    public static final String DEDUCTION = "deduction";
    public static final String DETAIL = "detail";
    public static final String SUBTOTAL = "subtotal";
    public static final String TAX = "tax";
    public static final String TOTAL = "total";
}
