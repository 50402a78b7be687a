package io.gridpulse.server.billing;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.gridpulse.tariff.Bill;

/**
 * A billing period's bill and how many of its days the meter reported on: a period the meter
 * joined or left part-way bills only the days it saw, which a household should not read as a
 * cheap month. Serialised as the bill's fields plus {@code daysWithData}.
 */
public record PeriodBill(@JsonUnwrapped Bill bill, int daysWithData) {}
