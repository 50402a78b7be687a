package io.gridpulse.tariff;

import static io.gridpulse.tariff.Fixtures.LOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every published bill of shared/reference/kepco-residential-tariff.md §4, reproduced to the won,
 * line by line. Figures below are the reference's published values only.
 */
class ReferenceBillsTest {
    private final BillingService service = new BillingService(Fixtures.CATALOG);

    @ParameterizedTest(name = "#{0} {1} {2} kWh -> {10} won")
    @CsvSource({
        // case, month,  kWh, basic, energy, climate, fuel, 전기요금계, VAT,  fund, 청구금액
        "1, 2022-08, 427, 1600, 51810, 3117, 2135, 58662, 5866, 2170, 66690",
        "2, 2023-08, 427, 1600, 63254, 3843, 2135, 70832, 7083, 2620, 80530",
        "3, 2023-08, 512, 7300, 87242, 4608, 2560, 101710, 10171, 3760, 115640",
        "6, 2023-08, 333, 1600, 43081, 2997, 1665, 49343, 4934, 1820, 56090",
        "7, 2024-08, 363, 1600, 49519, 3267, 1815, 56201, 5620, 1790, 63610",
    })
    void publishedLowVoltageBillReproducesToTheWon(int caseNo, String month, long kwh, long basic, long energy,
                                                   long climate, long fuel, long subtotal, long vat, long fund,
                                                   long total) {
        Bill bill = Fixtures.monthBill(service, LOW, month, Long.toString(kwh));

        assertThat(bill.amountWon("basic")).as("기본요금").isEqualTo(basic);
        assertThat(bill.amountWon("energy")).as("전력량요금").isEqualTo(energy);
        assertThat(bill.amountWon("climate")).as("기후환경요금").isEqualTo(climate);
        assertThat(bill.amountWon("fuelAdjustment")).as("연료비조정요금").isEqualTo(fuel);
        assertThat(bill.electricityChargeWon()).as("전기요금계").isEqualTo(subtotal);
        assertThat(bill.vatWon()).as("부가가치세").isEqualTo(vat);
        assertThat(bill.fundWon()).as("전력산업기반기금").isEqualTo(fund);
        assertThat(bill.totalWon()).as("청구금액").isEqualTo(total);
        assertThat(bill.amountWon("total")).isEqualTo(total);
    }

    @Test
    void kepcoProRatedExampleAcrossTheApril2022PriceChangeReproduces() {
        // '22.3.11 ~ '22.4.10, 검침일 11일, 350 kWh: 전력량요금 45,648 (17,976 + 27,672), 기후환경요금 2,080
        LocalDate start = LocalDate.of(2022, 3, 11);
        LocalDate end = LocalDate.of(2022, 4, 10);

        Bill bill = service.bill(LOW, start, end, Fixtures.kwh(start, end, "350"));

        assertThat(bill.amountWon("energy")).isEqualTo(45_648);
        assertThat(bill.amountWon("energy.tier1")).isEqualTo(17_976);
        assertThat(bill.amountWon("energy.tier2")).isEqualTo(27_672);
        assertThat(bill.amountWon("climate")).isEqualTo(2_080);
        assertThat(bill.amountWon("energy") + bill.amountWon("climate")).isEqualTo(47_728);
        assertThat(bill.tariffVersions()).containsExactly(LOW + "@2021-01-01", LOW + "@2022-04-01");
    }

    @Test
    void kepcoProRatedExampleIsTheSameForAReadingDayPeriod() {
        BillingPeriod period = service.periodContaining(MeterBillingSettings.of(LOW, 11), LocalDate.of(2022, 4, 1));

        assertThat(period).isEqualTo(new BillingPeriod(LocalDate.of(2022, 3, 11), LocalDate.of(2022, 4, 10), 31, 31));
    }
}
