package io.gridpulse.tariff.internal;

import java.math.BigDecimal;

/**
 * A usage-conditional deduction such as KEPCO's 필수사용량 보장공제 (2021-01 to 2022-06): when the
 * period's energy is at most {@code maxKwh} (pro-rated to the period length), the charge is reduced
 * by up to the scheduled limit, but never below {@code minimumChargeWon}.
 *
 * @param limitWon won per month by date (0 = abolished); pro-rated by days like a basic charge
 */
public record Deduction(String item, LocalizedText label, Schedule limitWon, BigDecimal maxKwh,
                        long minimumChargeWon) {}
