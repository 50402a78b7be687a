package io.gridpulse.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {
    @Test
    void meterReadingDayStartsThePeriodOnThatDayOfTheMonth() {
        BillingPeriod p = BillingPeriod.containing(LocalDate.of(2026, 3, 10), 15);
        assertThat(p.start()).isEqualTo(LocalDate.of(2026, 2, 15));
        assertThat(p.end()).isEqualTo(LocalDate.of(2026, 3, 15));
    }

    @Test
    void meterReadingDayZeroFollowsCalendarMonths() {
        BillingPeriod p = BillingPeriod.containing(LocalDate.of(2026, 2, 28), 0);
        assertThat(p.start()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(p.end()).isEqualTo(LocalDate.of(2026, 3, 1));
    }
}
