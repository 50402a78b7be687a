package io.gridpulse.server;

import io.gridpulse.core.Reading;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

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

    /** Seoul midnight {@code days} days before today (the real clock's), for tests whose page uses the browser's clock. */
    static long midnightDaysAgoMs(int days) {
        return LocalDate.now(SEOUL).minusDays(days).atStartOfDay(SEOUL).toInstant().toEpochMilli();
    }

    /** One reading a minute in [fromMs, toMs), minute 0 at {@code day0Ms}, in batches of at most a day. */
    static List<List<Reading>> minuteBatches(long day0Ms, long fromMs, long toMs, int heaterStartMinute) {
        List<List<Reading>> batches = new ArrayList<>();
        for (long start = fromMs; start < toMs; start += 1440 * 60_000L) {
            List<Reading> batch = new ArrayList<>();
            for (long t = start; t < Math.min(toMs, start + 1440 * 60_000L); t += 60_000) {
                batch.add(Reading.ofPower(t, Math.round(watts((int) ((t - day0Ms) / 60_000), heaterStartMinute) * 1000)));
            }
            batches.add(batch);
        }
        return batches;
    }
}
