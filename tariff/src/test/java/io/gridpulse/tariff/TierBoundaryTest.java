package io.gridpulse.tariff;

import static io.gridpulse.tariff.Fixtures.HIGH;
import static io.gridpulse.tariff.Fixtures.LOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tier limits by season (§1.1): the last kWh of a tier and the first kWh of the next. */
class TierBoundaryTest {

    @ParameterizedTest(name = "{0} {1}: {2} kWh is tier {3} (basic {4}), {5} kWh is tier {6} (basic {7})")
    @CsvSource({
        // tariff, month, kWh, tier, basic, kWh+1, tier, basic   (2024: rates of 2023-05-16)
        "kepco-residential-low,  2024-04, 200, 1, 910,  201, 2, 1600",
        "kepco-residential-low,  2024-04, 400, 2, 1600, 401, 3, 7300",
        "kepco-residential-low,  2024-08, 300, 1, 910,  301, 2, 1600",
        "kepco-residential-low,  2024-08, 450, 2, 1600, 451, 3, 7300",
        "kepco-residential-low,  2024-08, 1000, 3, 7300, 1001, 4, 7300",
        "kepco-residential-low,  2024-12, 1000, 3, 7300, 1001, 4, 7300",
        "kepco-residential-low,  2024-02, 200, 1, 910,  201, 2, 1600",
        "kepco-residential-high, 2024-04, 200, 1, 730,  201, 2, 1260",
        "kepco-residential-high, 2024-04, 400, 2, 1260, 401, 3, 6060",
        "kepco-residential-high, 2024-07, 300, 1, 730,  301, 2, 1260",
        "kepco-residential-high, 2024-07, 450, 2, 1260, 451, 3, 6060",
        "kepco-residential-high, 2024-01, 1000, 3, 6060, 1001, 4, 6060",
    })
    void theFirstKwhAboveALimitIsBilledInTheNextTier(String tariff, String month, long kwh, int tier, long basic,
                                                     long nextKwh, int nextTier, long nextBasic) {
        Bill below = Fixtures.monthBill(tariff, month, kwh);
        Bill above = Fixtures.monthBill(tariff, month, nextKwh);

        assertThat(below.amountWon("basic")).isEqualTo(basic);
        assertThat(below.line("energy.tier" + (tier + 1))).isEmpty();
        assertThat(above.amountWon("basic")).isEqualTo(nextBasic);
        assertThat(above.line("energy.tier" + nextTier).orElseThrow().energyKwh()).isEqualByComparingTo(BigDecimal.ONE);
    }

    @ParameterizedTest(name = "{0} {1}: kWh 1,001 costs {2} won/kWh")
    @CsvSource({
        "kepco-residential-low, 2024-07, 736.2",
        "kepco-residential-low, 2024-08, 736.2",
        "kepco-residential-low, 2024-12, 736.2",
        "kepco-residential-low, 2025-01, 736.2",
        "kepco-residential-low, 2025-02, 736.2",
        "kepco-residential-low, 2025-03, 307.3",
        "kepco-residential-low, 2025-06, 307.3",
        "kepco-residential-low, 2025-11, 307.3",
        "kepco-residential-high, 2024-08, 601.3",
        "kepco-residential-high, 2024-10, 242.3",
    })
    void superUserRateAppliesAboveOneThousandKwhOnlyInSummerAndWinter(String tariff, String month, String rate) {
        Bill bill = Fixtures.monthBill(tariff, month, 1001);
        BillLine top = bill.lines().stream().filter(l -> l.item().startsWith("energy.tier")).reduce((a, b) -> b).orElseThrow();

        assertThat(top.rateWonPerKwh()).isEqualByComparingTo(rate);
    }

    @Test
    void marginalKwhCostsTheNextTierRate() {
        // 401st kWh in April 2024, low voltage: 307.3 won, so the energy charge rises by 307 or 308 won
        long delta = Fixtures.monthBill(LOW, "2024-04", 401).amountWon("energy")
                - Fixtures.monthBill(LOW, "2024-04", 400).amountWon("energy");

        assertThat(delta).isBetween(307L, 308L);
    }

    @Test
    void summerLimitsMakeTheSameUsageCheaperInAugustThanInJune() {
        assertThat(Fixtures.monthBill(LOW, "2024-08", 350).totalWon())
                .isLessThan(Fixtures.monthBill(LOW, "2024-06", 350).totalWon());
        assertThat(Fixtures.monthBill(HIGH, "2024-08", 350).totalWon())
                .isLessThan(Fixtures.monthBill(HIGH, "2024-06", 350).totalWon());
    }
}
