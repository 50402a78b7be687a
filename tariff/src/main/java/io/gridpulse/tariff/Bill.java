package io.gridpulse.tariff;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A bill for one period, computed from the usage and the tariff versions in force during it.
 * All amounts are whole won after the tariff's official rounding steps.
 *
 * @param tariffId tariff the bill was priced under
 * @param period the billing period
 * @param energyWh energy used in the period, in watt-hours (truncated)
 * @param billedKwh the energy the tariff priced, in kWh (KEPCO: rounded to whole kWh)
 * @param lines every line item in bill order, ending with {@code electricityCharge}, {@code vat},
 *     {@code fund} (when the tariff has one) and {@code total}
 * @param electricityChargeWon 전기요금계: basic + energy + adders - deductions
 * @param vatWon 부가가치세
 * @param fundWon 전력산업기반기금 (0 when the tariff has none)
 * @param totalWon 청구금액
 * @param tariffVersions effective dates of the tariff versions used ({@code id@yyyy-mm-dd})
 */
public record Bill(String tariffId, BillingPeriod period, long energyWh, BigDecimal billedKwh,
                   List<BillLine> lines, long electricityChargeWon, long vatWon, long fundWon, long totalWon,
                   List<String> tariffVersions) {
    public Bill {
        lines = List.copyOf(lines);
        tariffVersions = List.copyOf(tariffVersions);
    }

    /** The line with the given item id, if present. */
    public Optional<BillLine> line(String item) {
        return lines.stream().filter(line -> line.item().equals(item)).findFirst();
    }

    /** Amount of a line in won, or 0 when the bill has no such line. */
    public long amountWon(String item) {
        return line(item).map(BillLine::amountWon).orElse(0L);
    }
}
