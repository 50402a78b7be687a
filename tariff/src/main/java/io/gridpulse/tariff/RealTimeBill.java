package io.gridpulse.tariff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The bill of the current period as of a moment: so far, projected to the period end, and where
 * the usage stands against the progressive tiers. Serialised as-is by the server
 * ({@code GET /api/v1/meters/{id}/bill}); fields may be added, never renamed.
 *
 * @param tariffId tariff priced under
 * @param atEpochMs the moment (UTC epoch ms)
 * @param period the billing period containing that moment
 * @param energySoFarWh energy used since the period start, watt-hours
 * @param billSoFar the period's bill if no more energy were used
 * @param projected energy and bill projected to the period end
 * @param tier tier position; for non-tiered tariffs always tier 1 with nothing next
 */
public record RealTimeBill(String tariffId, long atEpochMs, CurrentPeriod period, long energySoFarWh, Bill billSoFar,
                           Projection projected, TierStatus tier) {

    /**
     * @param daysElapsed days from the period start through the day of the moment, inclusive
     *     (1 on the first day)
     */
    public record CurrentPeriod(@JsonSerialize(using = ToStringSerializer.class) LocalDate start,
                                @JsonSerialize(using = ToStringSerializer.class) LocalDate end,
                                int days, int daysElapsed) {}

    /**
     * @param energyWh projected period energy, watt-hours
     * @param totalWon projected 청구금액
     * @param lines the projected bill's line items
     */
    public record Projection(long energyWh, long totalWon, List<BillLine> lines) {
        public Projection {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Position against the tier limits of the season in force on the moment's day (scaled to the
     * period length). Uses the exact energy so far; the bill itself rounds to whole kWh.
     *
     * @param current 1-based tier the energy so far is in
     * @param kWhToNext kWh left before the next tier starts, or null in the top tier
     * @param projectedCrossingDate local day the projection crosses into the next tier, or null
     *     when it does not within the period
     * @param projectedAtPeriodEnd tier of the projected period energy
     * @param superUserRisk true when the projected energy reaches the super-user tier (KEPCO:
     *     above 1,000 kWh in Jul-Aug and Dec-Feb)
     * @param nextTierAboveKwh the limit the next tier starts above, kWh, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TierStatus(int current, @JsonProperty("kWhToNext") BigDecimal kWhToNext,
                             @JsonSerialize(using = ToStringSerializer.class) LocalDate projectedCrossingDate,
                             int projectedAtPeriodEnd, boolean superUserRisk, BigDecimal nextTierAboveKwh) {}
}
