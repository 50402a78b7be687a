package io.gridpulse.server;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The household of the insight tests, one value a minute from {@link #DAY0} (a Monday): 80 W
 * always on, 2 kW cooking 18–19 h every day, and a 1.2 kW heater left on for 8 h from a given
 * minute.
 */
final class SeoulTestHousehold {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final LocalDate DAY0 = LocalDate.of(2026, 3, 2);
    static final long DAY0_MS = DAY0.atStartOfDay(SEOUL).toInstant().toEpochMilli();

    private SeoulTestHousehold() {}

    /** Power in W at {@code minute} after {@link #DAY0_MS}. */
    static double watts(int minute, int heaterStartMinute) {
        int m = minute % 1440;
        double cooking = m >= 18 * 60 && m < 19 * 60 ? 2000 : 0;
        double heater = minute >= heaterStartMinute && minute < heaterStartMinute + 8 * 60 ? 1200 : 0;
        return 80 + cooking + heater;
    }
}
