package io.gridpulse.ingest.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One local day in UTC terms: its start and end (23–25 h on DST days), its length in whole
 * seconds, and the zone's offset at its start.
 */
record DayWindow(long startMs, long endMs, int seconds, int utcOffsetSeconds) {
    static DayWindow of(ZoneId zone, long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        long startMs = date.atStartOfDay(zone).toInstant().toEpochMilli();
        long endMs = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        int offset = zone.getRules().getOffset(Instant.ofEpochMilli(startMs)).getTotalSeconds();
        return new DayWindow(startMs, endMs, (int) ((endMs - startMs + 999) / 1000), offset);
    }

    /** A canvas over this day drawing into {@code powerMilliwatts}. */
    DayCanvas canvas(int[] powerMilliwatts) {
        return new DayCanvas(powerMilliwatts, seconds, Math.floorDiv(startMs, 1000), utcOffsetSeconds);
    }
}
