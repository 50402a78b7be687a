package io.gridpulse.tariff;

import static io.gridpulse.tariff.Fixtures.FLAT;
import static io.gridpulse.tariff.Fixtures.HIGH;
import static io.gridpulse.tariff.Fixtures.JEJU_TOU;
import static io.gridpulse.tariff.Fixtures.LOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.NotFoundException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facade: errors, line items, deductions, TOU and flat tariffs, past bills. */
class BillingServiceTest {
    private final BillingService service = new BillingService(Fixtures.CATALOG);

    private static long hourMs(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(Fixtures.SEOUL).toInstant().toEpochMilli();
    }

    @Test
    void catalogueHasTheFourRequiredTariffs() {
        assertThat(Fixtures.CATALOG.ids()).contains(LOW, HIGH, JEJU_TOU, FLAT);
        assertThat(Fixtures.CATALOG.info(LOW).versionsFrom()).containsExactly(
                "2021-01-01", "2022-04-01", "2022-10-01", "2023-01-01", "2023-05-16");
    }

    @Test
    void unknownTariffIsNotFound() {
        assertThatThrownBy(() -> Fixtures.monthBill("kepco-nope", "2024-01", 100))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(LOW);
    }

    @Test
    void usageBeforeTheFirstTariffVersionIsInvalidInput() {
        assertThatThrownBy(() -> Fixtures.monthBill(LOW, "2020-12", 100))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2021-01-01");
    }

    @Test
    void billListsEveryLineItemInBillOrder() {
        Bill bill = Fixtures.monthBill(LOW, "2024-08", 363);

        assertThat(bill.lines()).extracting(BillLine::item).containsExactly("basic", "energy", "energy.tier1",
                "energy.tier2", "climate", "fuelAdjustment", "electricityCharge", "vat", "fund", "total");
        assertThat(bill.line("energy.tier2").orElseThrow().kind()).isEqualTo(BillLine.DETAIL);
        assertThat(bill.billedKwh()).isEqualByComparingTo("363");
    }

    @Test
    void chargesAddUpToTheSubtotalAndLeviesToTheTotal() {
        Bill bill = Fixtures.monthBill(HIGH, "2025-01", 777);
        long charges = bill.lines().stream().filter(l -> l.kind().equals(BillLine.CHARGE) || l.kind().equals(BillLine.DEDUCTION))
                .mapToLong(BillLine::amountWon).sum();

        assertThat(charges).isEqualTo(bill.electricityChargeWon());
        assertThat(bill.totalWon()).isEqualTo((bill.electricityChargeWon() + bill.vatWon() + bill.fundWon()) / 10 * 10);
    }

    @Test
    void fractionalUsageIsBilledInWholeKwhRoundedHalfUp() {
        assertThat(Fixtures.monthBill(new BillingService(Fixtures.CATALOG), LOW, "2024-04", "200.4").billedKwh())
                .isEqualByComparingTo("200");
        assertThat(Fixtures.monthBill(new BillingService(Fixtures.CATALOG), LOW, "2024-04", "200.5").billedKwh())
                .isEqualByComparingTo("201");
    }

    @Test
    void essentialUseDeductionOf2021CapsAtFourThousandWon() {
        // 2021-03, 150 kWh: 910 + 13,245 + 795 - 450 = 14,500; deduction min(4,000, 14,500 - 1,000)
        Bill bill = Fixtures.monthBill(LOW, "2021-03", 150);

        assertThat(bill.amountWon("essentialUseDeduction")).isEqualTo(-4_000);
        assertThat(bill.electricityChargeWon()).isEqualTo(10_500);
    }

    @Test
    void essentialUseDeductionNeverTakesTheChargeBelowOneThousandWon() {
        Bill bill = Fixtures.monthBill(LOW, "2021-03", 10);

        assertThat(bill.electricityChargeWon()).isEqualTo(1_000);
    }

    @Test
    void essentialUseDeductionIsHalvedFromJuly2021AndGoneFromJuly2022() {
        assertThat(Fixtures.monthBill(LOW, "2021-09", 150).amountWon("essentialUseDeduction")).isEqualTo(-2_000);
        assertThat(Fixtures.monthBill(HIGH, "2021-09", 150).amountWon("essentialUseDeduction")).isEqualTo(-1_500);
        assertThat(Fixtures.monthBill(LOW, "2022-07", 150).line("essentialUseDeduction")).isEmpty();
        assertThat(Fixtures.monthBill(LOW, "2021-03", 201).line("essentialUseDeduction")).isEmpty();
    }

    @Test
    void timeOfUseTariffPricesEachHourAtItsBand() {
        // Jeju TOU, winter 2021-11 (published 겨울 중간부하 153.0): 10 kWh at 10:00 (mid-peak)
        HourlyUsage usage = HourlyUsage.of(Map.of(hourMs(2021, 11, 5, 10), 10_000_000_000L));

        Bill bill = service.bill(JEJU_TOU, LocalDate.of(2021, 11, 1), LocalDate.of(2021, 11, 30), usage);

        assertThat(bill.amountWon("energy.mid")).isEqualTo(1_530);
        assertThat(bill.amountWon("energy")).isEqualTo(1_530);
    }

    @Test
    void timeOfUseBandsFollowJejuHours() {
        long kwh = 1_000_000_000L;
        HourlyUsage usage = HourlyUsage.of(Map.of(hourMs(2021, 11, 5, 7), kwh, hourMs(2021, 11, 5, 8), kwh,
                hourMs(2021, 11, 5, 16), kwh, hourMs(2021, 11, 5, 21), kwh, hourMs(2021, 11, 5, 22), kwh));

        Bill bill = service.bill(JEJU_TOU, LocalDate.of(2021, 11, 1), LocalDate.of(2021, 11, 30), usage);

        assertThat(bill.line("energy.offPeak").orElseThrow().energyKwh()).isEqualByComparingTo("2");
        assertThat(bill.line("energy.mid").orElseThrow().energyKwh()).isEqualByComparingTo("1");
        assertThat(bill.line("energy.peak").orElseThrow().energyKwh()).isEqualByComparingTo("2");
    }

    @Test
    void flatTariffChargesOneRatePlusMonthlyAndDailyFixedCharges() {
        Bill bill = Fixtures.monthBill(FLAT, "2024-02", 100);

        assertThat(bill.amountWon("energy")).isEqualTo(100 * 150);
        assertThat(bill.amountWon("basic")).isEqualTo(1_000);
        assertThat(bill.amountWon("service")).isEqualTo(29 * 10);
        assertThat(bill.line("fund")).isEmpty();
    }

    @Test
    void usageOutsideThePeriodIsIgnored() {
        HourlyUsage inside = Fixtures.kwh(LocalDate.of(2024, 8, 1), LocalDate.of(2024, 8, 31), "363");
        HourlyUsage around = inside.plus(Fixtures.kwh(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 31), "999"))
                .plus(Fixtures.kwh(LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 30), "999"));

        Bill bill = service.bill(LOW, LocalDate.of(2024, 8, 1), LocalDate.of(2024, 8, 31), around);

        assertThat(bill.totalWon()).isEqualTo(Fixtures.monthBill(LOW, "2024-08", 363).totalWon());
    }

    @Test
    void pastBillsListEveryReadingPeriodOverlappingTheRange() {
        MeterBillingSettings settings = MeterBillingSettings.of(LOW, 11);
        HourlyUsage usage = Fixtures.kwh(LocalDate.of(2022, 3, 11), LocalDate.of(2022, 6, 10), "900");

        List<Bill> bills = service.pastBills(settings, LocalDate.of(2022, 3, 15), LocalDate.of(2022, 5, 20), usage);

        assertThat(bills).extracting(b -> b.period().start()).containsExactly(
                LocalDate.of(2022, 3, 11), LocalDate.of(2022, 4, 11), LocalDate.of(2022, 5, 11));
        assertThat(bills).allSatisfy(b -> assertThat(b.energyWh()).isBetween(290_000L, 310_000L));
    }

    @Test
    void pastBillsRejectAReversedRange() {
        assertThatThrownBy(() -> service.pastBills(MeterBillingSettings.of(LOW, 1), LocalDate.of(2024, 5, 1),
                LocalDate.of(2024, 4, 1), HourlyUsage.empty()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void hourBucketsMustBeWholeHoursAndNonNegative() {
        assertThatThrownBy(() -> HourlyUsage.of(Map.of(1_000L, 5L))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HourlyUsage.of(Map.of(0L, -5L))).isInstanceOf(InvalidInputException.class);
    }
}
