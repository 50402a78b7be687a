package io.gridpulse.tariff.internal;

import io.gridpulse.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A value that changes on dates (a step function), e.g. the fuel-cost adjustment in won/kWh by
 * quarter or the electric-power-industry fund rate. The unit is named in {@link #unit()}.
 *
 * @param name id used by tariffs to refer to it
 * @param unit {@code wonPerKwh}, {@code rate} (fraction, 0.037 = 3.7 %) or {@code won}
 * @param steps ordered by {@code from}, strictly increasing
 */
public record Schedule(String name, String unit, List<Step> steps) {
    /** The value in force from {@code from} (inclusive) until the next step. */
    public record Step(LocalDate from, BigDecimal value) {}

    public Schedule {
        steps = List.copyOf(steps);
    }

    public BigDecimal valueOn(LocalDate date) {
        BigDecimal found = null;
        for (Step step : steps) {
            if (step.from().isAfter(date)) {
                break;
            }
            found = step.value();
        }
        if (found == null) {
            throw new InvalidInputException("period", "no " + name + " value is known for " + date);
        }
        return found;
    }

    public LocalDate firstDate() {
        return steps.getFirst().from();
    }
}
