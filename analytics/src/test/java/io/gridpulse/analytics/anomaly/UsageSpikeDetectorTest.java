package io.gridpulse.analytics.anomaly;

import static io.gridpulse.analytics.anomaly.AnomalyDetectorTest.DAY0_MS;
import static io.gridpulse.analytics.anomaly.AnomalyDetectorTest.days;
import static io.gridpulse.analytics.anomaly.AnomalyDetectorTest.detect;
import static io.gridpulse.analytics.anomaly.AnomalyDetectorTest.household;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.event.MeterEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** usage-high rules on synthetic households (day 0 is Monday 2026-03-02, Asia/Seoul). */
class UsageSpikeDetectorTest {
    static long hourStartMs(int day, int hour) {
        return DAY0_MS + (day * 24L + hour) * 3_600_000L;
    }

    static List<Long> times(List<MeterEvent> events) {
        return events.stream().map(MeterEvent::timestampMs).toList();
    }

    @Test
    void threeHighHoursInARowAreOneEpisodeWithOneEvent() {
        int start = 10 * 1440 + 14 * 60;
        List<MeterEvent> events = detect(days(11, m -> household(m) + (m >= start && m < start + 180 ? 3000 : 0)),
                AnomalyTypes.USAGE_HIGH);
        assertThat(times(events)).containsExactly(hourStartMs(10, 14));
    }

    @Test
    void highHourThatCameBackOnEarlierDaysIsAHabitNotAnAnomaly() {
        Set<Integer> saunaDays = Set.of(2, 5, 9, 12);
        List<MeterEvent> events = detect(days(13, m -> household(m)
                + (saunaDays.contains(m / 1440) && m % 1440 >= 21 * 60 && m % 1440 < 22 * 60 ? 2500 : 0)), AnomalyTypes.USAGE_HIGH);
        assertThat(times(events)).contains(hourStartMs(2, 21)).doesNotContain(hourStartMs(12, 21));
    }

    @Test
    void oneOffHighHourAfterTheSameHabitDaysIsStillReported() {
        Set<Integer> saunaDays = Set.of(2, 5, 9);
        int spike = 12 * 1440 + 14 * 60;
        List<MeterEvent> events = detect(days(13, m -> household(m)
                + (saunaDays.contains(m / 1440) && m % 1440 >= 21 * 60 && m % 1440 < 22 * 60 ? 2500 : 0)
                + (m >= spike && m < spike + 60 ? 2500 : 0)), AnomalyTypes.USAGE_HIGH);
        assertThat(times(events)).contains(hourStartMs(12, 14));
    }

    @Test
    void hoursOfAMeterReadingZeroAreNotLearnedAsTheUsualProfile() {
        List<MeterEvent> events = detect(days(19, m -> m / 1440 >= 3 && m / 1440 < 18 ? 0 : household(m)), AnomalyTypes.USAGE_HIGH);
        assertThat(events).isEmpty();
    }

    @Test
    void extraHourThatIsSmallForABigHomeIsNotReported() {
        int start = 10 * 1440 + 14 * 60;
        List<MeterEvent> big = detect(days(11, m -> 1500 + household(m) + (m >= start && m < start + 60 ? 1200 : 0)),
                AnomalyTypes.USAGE_HIGH);
        List<MeterEvent> small = detect(days(11, m -> household(m) + (m >= start && m < start + 60 ? 1200 : 0)),
                AnomalyTypes.USAGE_HIGH);
        assertThat(big).isEmpty();
        assertThat(times(small)).containsExactly(hourStartMs(10, 14));
    }
}
