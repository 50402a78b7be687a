package io.gridpulse.tariff.internal;

/**
 * An adder in won/kWh on the whole period's energy, e.g. 기후환경요금 or 연료비조정요금.
 *
 * @param item stable line-item id
 * @param schedule won/kWh by date
 * @param proration {@code DAYS}: each day of the period weighs 1/days at that day's rate;
 *     {@code PERIOD_START}: the rate in force on the period's first day applies to all energy
 */
public record PerKwhCharge(String item, LocalizedText label, Schedule schedule, Proration proration) {
    /** How a rate change inside a period is handled. */
    public enum Proration { DAYS, PERIOD_START }
}
