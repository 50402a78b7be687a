package io.gridpulse.analytics.anomaly;

import static io.gridpulse.analytics.anomaly.AnomalyDetectorTest.DAY0_MS;
import static io.gridpulse.analytics.anomaly.AnomalyDetectorTest.days;
import static io.gridpulse.analytics.anomaly.AnomalyDetectorTest.detect;
import static io.gridpulse.analytics.anomaly.AnomalyDetectorTest.household;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.event.MeterEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** appliance-left-on rules on synthetic households (day 0 is Monday 2026-03-02, Asia/Seoul). */
class SustainedLoadDetectorTest {
    /** The household plus 800 W of lights, TV and computers from 17:00 to 22:30 every day. */
    static double eveningHome(int minute) {
        int m = minute % 1440;
        return household(minute) + (m >= 17 * 60 && m < 22 * 60 + 30 ? 800 : 0);
    }

    /** Day 0 has no always-on estimate yet; days 1–3 teach the evening profile. */
    static final long PROFILE_KNOWN_MS = DAY0_MS + 4 * 86_400_000L;

    @Test
    void eveningLoadOnEveryDayIsAHabitOnceThreeDaysAreKnown() {
        List<MeterEvent> events = detect(days(14, SustainedLoadDetectorTest::eveningHome), AnomalyTypes.APPLIANCE_LEFT_ON);
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.timestampMs()).isLessThan(PROFILE_KNOWN_MS));
    }

    @Test
    void heaterLeftOnThroughTheHabitualEveningIsStillReportedWithItsOwnPower() {
        int start = 10 * 1440 + 16 * 60;
        List<MeterEvent> events = detect(days(12, m -> eveningHome(m) + (m >= start && m < start + 8 * 60 ? 1200 : 0)),
                AnomalyTypes.APPLIANCE_LEFT_ON).stream().filter(e -> e.timestampMs() > PROFILE_KNOWN_MS).toList();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.timestampMs()).isEqualTo(DAY0_MS + (start + 180) * 60_000L);
            assertThat(e.message()).contains("about 1200 W").contains("3 h 0 min").contains("usually has on at this time of day");
        });
    }
}
