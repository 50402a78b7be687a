package io.gridpulse.bench.codec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A series cut into spans of whole UTC days that start on a Monday (7 days = ISO weeks), so a
 * file's compression can be checked span by span: other weeks of a meter vary around the file's
 * ratio, and a bound must hold on each.
 */
final class SeriesSpans {
    private static final long DAY_MS = 86_400_000;
    /** 1970-01-05, the first Monday after the epoch, in days. */
    private static final long FIRST_MONDAY = 4;

    /** One span: the UTC date it starts on and its readings. */
    record Span(LocalDate start, Series series) {}

    private SeriesSpans() {}

    static List<Span> of(Series series, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("span must be at least one day: " + days);
        }
        long spanMs = days * DAY_MS;
        long originMs = FIRST_MONDAY * DAY_MS;
        long[] ts = series.timestampsMs();
        List<Span> spans = new ArrayList<>();
        int start = 0;
        while (start < series.count()) {
            long index = Math.floorDiv(ts[start] - originMs, spanMs);
            int end = start + 1;
            while (end < series.count() && Math.floorDiv(ts[end] - originMs, spanMs) == index) {
                end++;
            }
            LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(originMs + index * spanMs), ZoneOffset.UTC);
            spans.add(new Span(first, new Series(Arrays.copyOfRange(ts, start, end),
                    Arrays.copyOfRange(series.powerMilliwatts(), start, end), end - start)));
            start = end;
        }
        return spans;
    }
}
