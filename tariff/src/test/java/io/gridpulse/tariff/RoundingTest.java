package io.gridpulse.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The levy and rounding stage (§2.3): VAT half-up to the won, fund and total truncated to 10 won.
 * A 1 won/kWh test tariff makes kWh equal 전기요금계, so published 전기요금계 figures go in directly.
 */
class RoundingTest {
    private static final BillingService SERVICE = new BillingService(testCatalog());

    static TariffCatalog testCatalog() {
        try {
            return TariffCatalog.load(Path.of(RoundingTest.class.getResource("/testdata/catalog.json").toURI()).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Bill withSubtotal(long subtotalWon, String month) {
        return Fixtures.monthBill(SERVICE, "one-won-per-kwh", month, Long.toString(subtotalWon));
    }

    @ParameterizedTest(name = "전기요금계 {0} -> VAT {1}, fund {2}, total {3}")
    @CsvSource({
        "80760, 8076, 2980, 91810",   // KEPCO example quoted in kwh_to_won (2021)
        "46566, 4657, 1720, 52940",   // koreanreader 2018: VAT 4,656.6 rounds up, fund 1,722.9 truncates
        "24957, 2496, 920, 28370",    // ajunews 2016
    })
    void publishedLevyAndRoundingStepsReproduce(long subtotal, long vat, long fund, long total) {
        Bill bill = withSubtotal(subtotal, "2021-03");

        assertThat(bill.electricityChargeWon()).isEqualTo(subtotal);
        assertThat(bill.vatWon()).isEqualTo(vat);
        assertThat(bill.fundWon()).isEqualTo(fund);
        assertThat(bill.totalWon()).isEqualTo(total);
    }

    @Test
    void vatRoundsHalfUpAtExactlyHalfAWon() {
        assertThat(withSubtotal(80_765, "2021-03").vatWon()).isEqualTo(8_077);
        assertThat(withSubtotal(80_764, "2021-03").vatWon()).isEqualTo(8_076);
        assertThat(withSubtotal(80_766, "2021-03").vatWon()).isEqualTo(8_077);
    }

    @Test
    void fundTruncatesToTenWonNeverRoundsUp() {
        // 80,999 x 3.7 % = 2,996.963 -> 2,990
        assertThat(withSubtotal(80_999, "2021-03").fundWon()).isEqualTo(2_990);
    }

    @Test
    void totalTruncatesToTenWon() {
        // 80,999 + 8,100 + 2,990 = 92,089 -> 92,080
        assertThat(withSubtotal(80_999, "2021-03").totalWon()).isEqualTo(92_080);
    }

    @ParameterizedTest(name = "{0}: fund rate {1}")
    @CsvSource({"2024-06, 0.037", "2024-07, 0.032", "2025-06, 0.032", "2025-07, 0.027", "2026-11, 0.027"})
    void fundRateFollowsTheUsageMonth(String month, String rate) {
        long subtotal = 100_000;
        long expected = new java.math.BigDecimal(rate).multiply(java.math.BigDecimal.valueOf(subtotal))
                .divide(java.math.BigDecimal.TEN, 0, java.math.RoundingMode.DOWN).longValueExact() * 10;

        assertThat(withSubtotal(subtotal, month).fundWon()).isEqualTo(expected);
    }

    @Test
    void fundAcrossTheJuly2024CutIsProRatedByDaysPerRate() {
        // 2024-06-15 ~ 07-14: 16 days at 3.7 %, 14 days at 3.2 % (30-day period)
        LocalDate start = LocalDate.of(2024, 6, 15);
        LocalDate end = LocalDate.of(2024, 7, 14);
        Bill bill = SERVICE.bill("one-won-per-kwh", start, end, Fixtures.kwh(start, end, "90000"));
        long atOld = 90_000L * 37 * 16 / (1000 * 30);   // floor(90,000 x 0.037 x 16/30) = 1,776
        long atNew = 90_000L * 32 * 14 / (1000 * 30);   // floor(90,000 x 0.032 x 14/30) = 1,344

        assertThat(bill.fundWon()).isEqualTo((atOld + atNew) / 10 * 10);
    }

    @Test
    void noVatFundOrTotalWhenTheSubtotalIsNotPositive() {
        Bill bill = Fixtures.monthBill(SERVICE, "negative-adder", "2024-03", "100");

        assertThat(bill.electricityChargeWon()).isEqualTo(-300);
        assertThat(bill.vatWon()).isZero();
        assertThat(bill.fundWon()).isZero();
        assertThat(bill.totalWon()).isZero();
    }
}
