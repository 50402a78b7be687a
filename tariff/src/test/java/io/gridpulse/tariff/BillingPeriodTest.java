package io.gridpulse.tariff;

import static io.gridpulse.tariff.Fixtures.LOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.InvalidInputException;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reading periods by 검침일 (§3.1). */
class BillingPeriodTest {
    private final BillingService service = new BillingService(Fixtures.CATALOG);

    @ParameterizedTest(name = "검침일 {0}, {1} -> {2} ~ {3}")
    @CsvSource({
        "1,  2024-08-15, 2024-08-01, 2024-08-31, 31",
        "12, 2024-08-11, 2024-07-12, 2024-08-11, 31",
        "12, 2024-08-12, 2024-08-12, 2024-09-11, 31",
        "15, 2024-07-01, 2024-06-15, 2024-07-14, 30",
        "28, 2024-03-01, 2024-02-28, 2024-03-27, 29",
        "11, 2025-01-05, 2024-12-11, 2025-01-10, 31",
        "0,  2024-07-15, 2024-06-30, 2024-07-30, 31",
        "0,  2024-07-31, 2024-07-31, 2024-08-30, 31",
        "0,  2025-02-10, 2025-01-31, 2025-02-27, 28",
        "0,  2024-02-29, 2024-02-29, 2024-03-30, 31",
    })
    void periodRunsFromTheReadingDayToTheDayBeforeTheNext(int readingDay, LocalDate date, LocalDate start,
                                                          LocalDate end, int days) {
        BillingPeriod period = service.periodContaining(MeterBillingSettings.of(LOW, readingDay), date);

        assertThat(period.start()).isEqualTo(start);
        assertThat(period.end()).isEqualTo(end);
        assertThat(period.days()).isEqualTo(days);
        assertThat(period.monthDays()).as("regular periods need no scaling").isEqualTo(days);
    }

    @Test
    void irregularPeriodUsesTheStartMonthAsMonthDays() {
        BillingPeriod period = BillingPeriod.of(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 5, 5));

        assertThat(period.days()).isEqualTo(35);
        assertThat(period.monthDays()).isEqualTo(30);
    }

    @Test
    void periodEndingBeforeItStartsIsRejectedNamingTheField() {
        assertThatThrownBy(() -> BillingPeriod.of(LocalDate.of(2024, 4, 2), LocalDate.of(2024, 4, 1)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("to");
    }

    @Test
    void periodLongerThanTwoMonthsIsRejected() {
        assertThatThrownBy(() -> BillingPeriod.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void meterReadingDayOutsideOneToTwentyEightIsRejected() {
        assertThatThrownBy(() -> MeterBillingSettings.of(LOW, 29))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("meterReadingDay");
    }
}
