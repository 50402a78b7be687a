package io.gridpulse.tariff.internal;

/**
 * A percentage levied on 전기요금계 (VAT, 전력산업기반기금).
 *
 * @param rate fraction by date (0.1 = 10 %); days of a period under different rates are
 *     weighed by days / period days
 * @param perRateRounding rounding of each rate's share before summing, or null
 * @param rounding rounding of the sum
 */
public record TaxRule(String item, LocalizedText label, Schedule rate, RoundingRule perRateRounding,
                      RoundingRule rounding) {}
