package io.gridpulse.tariff;

import static io.gridpulse.tariff.Fixtures.LOW;
import static io.gridpulse.tariff.Fixtures.SEOUL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The real-time bill with an injected clock: so far, projected, tier position, JSON shape. */
class RealTimeBillTest {
    private static final long KWH = 1_000_000_000L;
    private static final MeterBillingSettings SETTINGS = MeterBillingSettings.of(LOW, 1);

    private static Instant seoul(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(SEOUL).toInstant();
    }

    /** Constant hourly energy from {@code from} until {@code to}. */
    private static HourlyUsage constant(Instant from, Instant to, long microwattHoursPerHour) {
        Map<Long, Long> buckets = new TreeMap<>();
        for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += 3_600_000L) {
            buckets.put(t, microwattHoursPerHour);
        }
        return HourlyUsage.of(buckets);
    }

    private static BillingService at(Instant now) {
        return new BillingService(Fixtures.CATALOG, Clock.fixed(now, SEOUL));
    }

    @Test
    void billSoFarPricesTheEnergyUpToNowOverTheWholePeriod() {
        Instant now = seoul(2024, 8, 16, 12);
        HourlyUsage usage = constant(seoul(2024, 8, 1, 0), now, KWH / 2);

        RealTimeBill bill = at(now).realTime(SETTINGS, usage);

        assertThat(bill.period()).isEqualTo(new RealTimeBill.CurrentPeriod(
                LocalDate.of(2024, 8, 1), LocalDate.of(2024, 8, 31), 31, 16));
        assertThat(bill.energySoFarWh()).isEqualTo(186_000);
        assertThat(bill.billSoFar()).isEqualTo(Fixtures.monthBill(new BillingService(Fixtures.CATALOG), LOW, "2024-08", "186"));
    }

    @Test
    void steadyUsageIsProjectedToContinueToThePeriodEnd() {
        Instant now = seoul(2024, 8, 16, 12);
        HourlyUsage usage = constant(seoul(2024, 8, 1, 0), now, KWH / 2);

        RealTimeBill bill = at(now).realTime(SETTINGS, usage);

        assertThat(bill.projected().energyWh()).isEqualTo(372_000);
        assertThat(bill.projected().totalWon()).isEqualTo(Fixtures.monthBill(LOW, "2024-08", 372).totalWon());
    }

    @Test
    void tierStatusGivesKwhToNextTierAndTheProjectedCrossingDay() {
        Instant now = seoul(2024, 8, 16, 12);
        RealTimeBill bill = at(now).realTime(SETTINGS, constant(seoul(2024, 8, 1, 0), now, KWH / 2));

        // 186 kWh so far against the summer limit of 300 kWh; 0.5 kWh/h reaches 300 kWh at Aug 26 00:00
        assertThat(bill.tier().current()).isEqualTo(1);
        assertThat(bill.tier().kWhToNext()).isEqualByComparingTo("114");
        assertThat(bill.tier().projectedCrossingDate()).isEqualTo(LocalDate.of(2024, 8, 26));
        assertThat(bill.tier().projectedAtPeriodEnd()).isEqualTo(2);
        assertThat(bill.tier().superUserRisk()).isFalse();
    }

    @Test
    void weekdayAndWeekendProfilesAreProjectedSeparately() {
        // Sep 1-14 2024 (Sunday to Saturday): weekends 1 kWh/h, weekdays 0.2 kWh/h; now = Sun Sep 15 00:00
        Map<Long, Long> buckets = new TreeMap<>();
        for (LocalDate day = LocalDate.of(2024, 9, 1); day.isBefore(LocalDate.of(2024, 9, 15)); day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            constant(day.atStartOfDay(SEOUL).toInstant(), day.plusDays(1).atStartOfDay(SEOUL).toInstant(),
                    weekend ? KWH : KWH / 5).forEach(buckets::put);
        }
        Instant now = seoul(2024, 9, 15, 0);

        RealTimeBill bill = at(now).realTime(SETTINGS, HourlyUsage.of(buckets));

        // remaining Sep 15-30: 5 weekend days x 24 kWh + 11 weekdays x 4.8 kWh = 172.8 kWh
        long soFarWh = 4 * 24_000 + 10 * 4_800;
        assertThat(bill.projected().energyWh()).isEqualTo(soFarWh + 172_800);
    }

    @Test
    void recentDaysWeighMoreThanOlderOnes() {
        // 14 days at 0.2 kWh/h, then 7 days at 1 kWh/h: the projection leans to the recent level
        Instant start = seoul(2024, 10, 1, 0);
        HourlyUsage usage = constant(start, seoul(2024, 10, 15, 0), KWH / 5)
                .plus(constant(seoul(2024, 10, 15, 0), seoul(2024, 10, 22, 0), KWH));
        Instant now = seoul(2024, 10, 22, 0);

        RealTimeBill bill = at(now).realTime(SETTINGS, usage);

        long remainingWh = bill.projected().energyWh() - bill.energySoFarWh();
        double hourlyKwh = remainingWh / 1000.0 / (10 * 24);
        double plainMean = (14 * 0.2 + 7 * 1.0) / 21;
        assertThat(hourlyKwh).isGreaterThan(plainMean).isLessThan(1.0);
    }

    @Test
    void withoutACompleteDayTheAverageRateSoFarContinues() {
        Instant now = seoul(2024, 8, 1, 6);
        RealTimeBill bill = at(now).realTime(SETTINGS, constant(seoul(2024, 8, 1, 0), now, KWH));

        assertThat(bill.projected().energyWh()).isEqualTo(31 * 24 * 1_000);
    }

    @Test
    void partOfTheCurrentHourAlreadyMeteredIsNotProjectedTwice() {
        Instant now = seoul(2024, 8, 1, 6).plusSeconds(1_800);
        // 6 full hours at 1 kWh and half an hour metered so far (0.5 kWh)
        HourlyUsage usage = constant(seoul(2024, 8, 1, 0), seoul(2024, 8, 1, 6), KWH)
                .plus(HourlyUsage.of(Map.of(seoul(2024, 8, 1, 6).toEpochMilli(), KWH / 2)));

        RealTimeBill bill = at(now).realTime(SETTINGS, usage);

        assertThat(bill.energySoFarWh()).isEqualTo(6_500);
        assertThat(bill.projected().energyWh()).isEqualTo(31 * 24 * 1_000);
    }

    @Test
    void usageAfterTheMomentIsIgnored() {
        Instant now = seoul(2024, 8, 10, 0);
        HourlyUsage usage = constant(seoul(2024, 8, 1, 0), seoul(2024, 8, 20, 0), KWH);

        assertThat(at(now).realTime(SETTINGS, usage).energySoFarWh()).isEqualTo(9 * 24 * 1_000);
    }

    @Test
    void superUserRiskIsFlaggedWhenTheProjectionPassesOneThousandKwhInSummer() {
        Instant now = seoul(2024, 8, 10, 0);
        RealTimeBill bill = at(now).realTime(SETTINGS, constant(seoul(2024, 8, 1, 0), now, 2 * KWH));

        assertThat(bill.tier().projectedAtPeriodEnd()).isEqualTo(4);
        assertThat(bill.tier().superUserRisk()).isTrue();
    }

    @Test
    void theSameHeavyUsageIsNoSuperUserRiskInSpring() {
        Instant now = seoul(2024, 4, 10, 0);
        RealTimeBill bill = at(now).realTime(SETTINGS, constant(seoul(2024, 4, 1, 0), now, 2 * KWH));

        assertThat(bill.tier().projectedAtPeriodEnd()).isEqualTo(3);
        assertThat(bill.tier().superUserRisk()).isFalse();
        assertThat(bill.tier().kWhToNext()).isNull();
    }

    @Test
    void whatIfPricesTheSameUsageUnderAnotherTariff() {
        Instant now = seoul(2024, 8, 16, 12);
        HourlyUsage usage = constant(seoul(2024, 8, 1, 0), now, KWH / 2);
        BillingService service = at(now);

        RealTimeBill high = service.whatIf(SETTINGS, Fixtures.HIGH, usage, now);

        assertThat(high.tariffId()).isEqualTo(Fixtures.HIGH);
        assertThat(high.energySoFarWh()).isEqualTo(service.realTime(SETTINGS, usage).energySoFarWh());
        assertThat(high.billSoFar().totalWon()).isLessThan(service.realTime(SETTINGS, usage).billSoFar().totalWon());
    }

    @Test
    void jsonHasTheShapeTheServerPublishes() throws Exception {
        Instant now = seoul(2024, 8, 16, 12);
        RealTimeBill bill = at(now).realTime(SETTINGS, constant(seoul(2024, 8, 1, 0), now, KWH / 2));

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(bill));

        assertThat(json.at("/period/start").asText()).isEqualTo("2024-08-01");
        assertThat(json.at("/period/end").asText()).isEqualTo("2024-08-31");
        assertThat(json.at("/period/days").asInt()).isEqualTo(31);
        assertThat(json.at("/period/daysElapsed").asInt()).isEqualTo(16);
        assertThat(json.at("/energySoFarWh").asLong()).isEqualTo(186_000);
        assertThat(json.at("/billSoFar/lines/0/item").asText()).isEqualTo("basic");
        assertThat(json.at("/billSoFar/lines/0/amountWon").isIntegralNumber()).isTrue();
        assertThat(json.at("/billSoFar/totalWon").asLong()).isEqualTo(bill.billSoFar().totalWon());
        assertThat(json.at("/projected/energyWh").asLong()).isEqualTo(372_000);
        assertThat(json.at("/projected/totalWon").asLong()).isEqualTo(bill.projected().totalWon());
        assertThat(json.at("/tier/current").asInt()).isEqualTo(1);
        assertThat(json.at("/tier/kWhToNext").decimalValue()).isEqualByComparingTo("114");
        assertThat(json.at("/tier/projectedCrossingDate").asText()).isEqualTo("2024-08-26");
    }
}
