package io.gridpulse.store;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.Step;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Rollups over local-calendar buckets (hour, day, month in a time zone), summed from the stored
 * fixed rollups: hourly rows when every bucket edge falls on a UTC hour, else 15-minute rows
 * (zones such as Asia/Kolkata). DST days simply have 23 or 25 hours.
 */
public final class CalendarRollups {
    private static final int MAX_EDGES = 200_000;
    private final ReadingStore store;

    public CalendarRollups(ReadingStore store) {
        this.store = store;
    }

    /** One rollup per non-empty local bucket intersecting [fromMs, toMs), bucket starts aligned in {@code zone}. */
    public List<Rollup> buckets(MeterRef meter, Step step, long fromMs, long toMs, ZoneId zone) {
        List<Long> edges = edges(step, fromMs, toMs, zone);
        boolean hourAligned = edges.stream().allMatch(e -> e % RollupLevel.HOUR.lengthMs() == 0);
        RollupLevel level = hourAligned ? RollupLevel.HOUR : RollupLevel.FIFTEEN_MINUTES;
        List<Rollup> rows = store.rollups(meter, level, edges.get(0), edges.get(edges.size() - 1));
        List<Rollup> out = new ArrayList<>();
        int row = 0;
        for (int i = 0; i + 1 < edges.size(); i++) {
            Rollup sum = null;
            for (; row < rows.size() && rows.get(row).bucketStartMs() < edges.get(i + 1); row++) {
                Rollup r = rows.get(row).withStart(edges.get(i));
                sum = sum == null ? r : sum.plus(r);
            }
            if (sum != null) {
                out.add(sum);
            }
        }
        return out;
    }

    /**
     * Total energy in nanowatt-hours of the UTC hours that [fromMs, toMs) touches (from the hour
     * holding fromMs to the one holding toMs - 1), from hourly rollups only: the sum of the
     * {@code ONE_HOUR} buckets in UTC, without building them (a month is 744 edges and buckets).
     */
    public long energyNanowattHours(MeterRef meter, long fromMs, long toMs) {
        if (toMs <= fromMs) {
            throw new InvalidInputException("to", "'to' must be after 'from'");
        }
        RollupLevel hour = RollupLevel.HOUR;
        long first = hour.bucketStart(fromMs);
        long end = hour.bucketStart(toMs - 1) + hour.lengthMs();
        if ((end - first) / hour.lengthMs() + 1 > MAX_EDGES) {
            throw new InvalidInputException("step", "range too long for step " + Step.ONE_HOUR.label());
        }
        long sum = 0;
        for (Rollup row : store.rollups(meter, hour, first, end)) {
            sum += row.energyNanowattHours();
        }
        return sum;
    }

    static List<Long> edges(Step step, long fromMs, long toMs, ZoneId zone) {
        if (toMs <= fromMs) {
            throw new InvalidInputException("to", "'to' must be after 'from'");
        }
        ZonedDateTime edge = floor(step, Instant.ofEpochMilli(fromMs).atZone(zone));
        List<Long> edges = new ArrayList<>();
        edges.add(edge.toInstant().toEpochMilli());
        while (edge.toInstant().toEpochMilli() < toMs) {
            edge = advance(step, edge);
            edges.add(edge.toInstant().toEpochMilli());
            if (edges.size() > MAX_EDGES) {
                throw new InvalidInputException("step", "range too long for step " + step.label());
            }
        }
        return edges;
    }

    private static ZonedDateTime floor(Step step, ZonedDateTime t) {
        return switch (step) {
            case ONE_MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case FIFTEEN_MINUTES -> t.truncatedTo(ChronoUnit.HOURS).plusMinutes(t.getMinute() / 15 * 15L);
            case ONE_HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case ONE_DAY -> t.toLocalDate().atStartOfDay(t.getZone());
            case ONE_MONTH -> t.toLocalDate().withDayOfMonth(1).atStartOfDay(t.getZone());
            case RAW -> throw new InvalidInputException("step", "raw has no buckets");
        };
    }

    private static ZonedDateTime advance(Step step, ZonedDateTime t) {
        return switch (step) {
            case ONE_MINUTE -> t.plusMinutes(1);
            case FIFTEEN_MINUTES -> t.plusMinutes(15);
            case ONE_HOUR -> t.plusHours(1);
            case ONE_DAY -> t.toLocalDate().plusDays(1).atStartOfDay(t.getZone());
            case ONE_MONTH -> t.toLocalDate().plusMonths(1).atStartOfDay(t.getZone());
            case RAW -> throw new InvalidInputException("step", "raw has no buckets");
        };
    }
}
