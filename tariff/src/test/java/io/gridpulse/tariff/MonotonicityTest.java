package io.gridpulse.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Property: using one more kWh never lowers any bill, across every season and tariff version. */
class MonotonicityTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "kepco-residential-low, 2021-03", "kepco-residential-low, 2021-08", "kepco-residential-low, 2022-01",
        "kepco-residential-low, 2022-07", "kepco-residential-low, 2023-05", "kepco-residential-low, 2024-12",
        "kepco-residential-low, 2025-07", "kepco-residential-high, 2021-05", "kepco-residential-high, 2023-05",
        "kepco-residential-high, 2024-08", "kepco-jeju-residential-tou, 2024-08", "flat-example, 2024-02",
    })
    void totalNeverDecreasesWhenUsageGrows(String tariff, String month) {
        BillingService service = new BillingService(Fixtures.CATALOG);
        long previousTotal = Long.MIN_VALUE;
        long previousSubtotal = Long.MIN_VALUE;
        for (int kwh = 0; kwh <= 1_300; kwh++) {
            Bill bill = Fixtures.monthBill(service, tariff, month, Integer.toString(kwh));
            assertThat(bill.totalWon()).as("total at %d kWh", kwh).isGreaterThanOrEqualTo(previousTotal);
            assertThat(bill.electricityChargeWon()).as("subtotal at %d kWh", kwh).isGreaterThanOrEqualTo(previousSubtotal);
            previousTotal = bill.totalWon();
            previousSubtotal = bill.electricityChargeWon();
        }
    }
}
