package io.gridpulse.tariff;

import static io.gridpulse.tariff.Fixtures.LOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Day-based pro-rating (§3.2) across the Jul-1 / Sep-1 season boundaries, a mid-month price change
 * and irregular period lengths. Expected values are the reference's formula written out by hand.
 */
class ProRatingTest {
    private final BillingService service = new BillingService(Fixtures.CATALOG);

    private Bill bill(LocalDate start, LocalDate end, String kwh) {
        return service.bill(LOW, start, end, Fixtures.kwh(start, end, kwh));
    }

    private static long floor(String numerator, int denominator) {
        return new BigDecimal(numerator).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.FLOOR).longValueExact();
    }

    @Test
    void periodAcrossJulyFirstUsesSummerLimitsForTheJulyDays() {
        // 2024-06-15 ~ 07-14, 350 kWh: 16 June days (200/400) and 14 July days (300/450), month days 30
        Bill bill = bill(LocalDate.of(2024, 6, 15), LocalDate.of(2024, 7, 14), "350");
        // June: 200 x 120 + 150 x 214.6 = 56,190; July: 300 x 120 + 50 x 214.6 = 46,730
        assertThat(bill.amountWon("energy")).isEqualTo(floor("1553260", 30)); // 56,190 x 16 + 46,730 x 14
        assertThat(bill.amountWon("basic")).isEqualTo(1_600);
        assertThat(bill.amountWon("climate")).isEqualTo(floor("3150", 1)); // 350 x 9.0, one rate throughout
    }

    @Test
    void periodAcrossSeptemberFirstUsesSummerLimitsOnlyForTheAugustDays() {
        // 2024-08-20 ~ 09-19, 420 kWh: 12 August days, 19 September days, month days 31
        Bill bill = bill(LocalDate.of(2024, 8, 20), LocalDate.of(2024, 9, 19), "420");
        // August: 300 x 120 + 120 x 214.6 = 61,752 (tier 2, basic 1,600)
        // September: 200 x 120 + 200 x 214.6 + 20 x 307.3 = 73,066 (tier 3, basic 7,300)
        assertThat(bill.amountWon("energy")).isEqualTo(floor("2129278", 31)); // 61,752 x 12 + 73,066 x 19
        assertThat(bill.amountWon("basic")).isEqualTo(floor("157900", 31));   // 1,600 x 12 + 7,300 x 19
    }

    @Test
    void monthWithTheMay2023PriceChangeIsSplitAtTheSixteenth() {
        // 2023-05-01 ~ 05-31, 300 kWh: 15 days at 112.0/206.6, 16 days at 120.0/214.6
        Bill bill = bill(LocalDate.of(2023, 5, 1), LocalDate.of(2023, 5, 31), "300");
        // old: 200 x 112 + 100 x 206.6 = 43,060; new: 200 x 120 + 100 x 214.6 = 45,460
        assertThat(bill.amountWon("energy")).isEqualTo(floor("1373260", 31)); // 43,060 x 15 + 45,460 x 16
        assertThat(bill.tariffVersions()).hasSize(2);
    }

    @Test
    void winterSuperUserBlockIsProRatedAcrossMarchFirst() {
        // 2024-02-15 ~ 03-14, 1,100 kWh: 15 February days with the >1,000 block, 14 March days without
        Bill bill = bill(LocalDate.of(2024, 2, 15), LocalDate.of(2024, 3, 14), "1100");
        // Feb: 200 x 120 + 200 x 214.6 + 600 x 307.3 + 100 x 736.2 = 324,920; Mar: ... + 700 x 307.3 = 282,030
        assertThat(bill.amountWon("energy")).isEqualTo(floor("8822220", 29)); // 324,920 x 15 + 282,030 x 14
    }

    @Test
    void fuelAdjustmentIsNotProRatedAndUsesThePeriodStartRate() {
        // 2022-06-15 ~ 07-14 spans the 0 -> +5 change; the June rate (0) applies to all usage
        Bill bill = bill(LocalDate.of(2022, 6, 15), LocalDate.of(2022, 7, 14), "300");

        assertThat(bill.amountWon("fuelAdjustment")).isZero();
    }

    @Test
    void irregularLongerPeriodScalesTierLimitsAndBasicCharge() {
        // 2024-04-01 ~ 05-05 (35 days, April has 30): limits 200 x 35/30 = 233.33 and 466.67 kWh
        Bill bill = bill(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 5, 5), "233");

        assertThat(bill.line("energy.tier2")).isEmpty();
        assertThat(bill.amountWon("energy")).isEqualTo(233 * 120);
        assertThat(bill.amountWon("basic")).isEqualTo(floor("31850", 30)); // 910 x 35 / 30
    }

    @Test
    void aRegularPeriodNeedsNoScalingWhicheverDayItStarts() {
        Bill fromEleventh = bill(LocalDate.of(2024, 4, 11), LocalDate.of(2024, 5, 10), "350");
        Bill calendarMonth = bill(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 30), "350");

        assertThat(fromEleventh.totalWon()).isEqualTo(calendarMonth.totalWon());
    }
}
