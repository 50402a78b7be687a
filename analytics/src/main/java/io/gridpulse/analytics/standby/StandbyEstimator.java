package io.gridpulse.analytics.standby;

import io.gridpulse.analytics.series.MinuteAverage;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Daily always-on power from minute means, in the meter's time zone. A local day is estimated
 * when the first minute of a later day arrives (or on {@link #finishDay}). Shared by the online
 * {@link StandbyProcessor} and batch use over 1-minute rollups. Keeps at most
 * {@link #MAX_DAYS} days. Not thread-safe.
 */
public final class StandbyEstimator {
    static final int MAX_DAYS = 400;

    private final ZoneId zone;
    private final List<DailyBaseload> days = new ArrayList<>();
    private final List<BaseloadJumpDetector.Jump> jumps = new ArrayList<>();
    private BaseloadJumpDetector jumpDetector = new BaseloadJumpDetector();
    private BaseloadDay current;

    public StandbyEstimator(ZoneId zone) {
        this.zone = zone;
    }

    /** Batch: estimates every day of the minutes (the last day included). */
    public static StandbyReport estimate(List<MinuteAverage> minutes, ZoneId zone) {
        StandbyEstimator e = new StandbyEstimator(zone);
        minutes.forEach(m -> e.onMinute(m, j -> {}));
        e.finishDay(j -> {});
        return e.report();
    }

    /** Adds a minute (in time order); a confirmed baseload jump goes to {@code jumpsOut}. */
    public void onMinute(MinuteAverage m, Consumer<BaseloadJumpDetector.Jump> jumpsOut) {
        ZonedDateTime local = Instant.ofEpochMilli(m.startMs()).atZone(zone);
        LocalDate day = local.toLocalDate();
        if (current != null && !current.day().equals(day)) {
            finishDay(jumpsOut);
        }
        if (current == null) {
            current = new BaseloadDay(day);
        }
        current.add(m, local);
    }

    /** Closes the current day (e.g. at the end of a batch). */
    public void finishDay(Consumer<BaseloadJumpDetector.Jump> jumpsOut) {
        if (current == null) {
            return;
        }
        current.result().ifPresent(d -> {
            days.add(d);
            if (days.size() > MAX_DAYS) {
                days.remove(0);
            }
            jumpDetector.onDay(d.day(), d.nightLowPercentileWatts()).ifPresent(j -> {
                jumps.add(j);
                jumpsOut.accept(j);
            });
        });
        current = null;
    }

    /** Latest robust daily baseload in W, or NaN before the first estimated day. */
    public double latestBaseloadWatts() {
        return days.isEmpty() ? Double.NaN : days.get(days.size() - 1).nightLowPercentileWatts();
    }

    public StandbyReport report() {
        return StandbyReport.of(days, jumps);
    }

    /** Writes the state for {@link #read}. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(days.size());
        for (DailyBaseload d : days) {
            out.writeLong(d.day().toEpochDay());
            out.writeDouble(d.lowestQuarterHourWatts());
            out.writeDouble(d.nightLowPercentileWatts());
            out.writeInt(d.nightMinutes());
        }
        out.writeInt(jumps.size());
        for (BaseloadJumpDetector.Jump j : jumps) {
            out.writeLong(j.firstDay().toEpochDay());
            out.writeLong(j.confirmedDay().toEpochDay());
            out.writeDouble(j.fromWatts());
            out.writeDouble(j.toWatts());
        }
        jumpDetector.write(out);
        out.writeBoolean(current != null);
        if (current != null) {
            current.write(out);
        }
    }

    /** Restores an estimator written by {@link #write}. */
    public static StandbyEstimator read(DataInput in, ZoneId zone) throws IOException {
        StandbyEstimator e = new StandbyEstimator(zone);
        for (int i = in.readInt(); i > 0; i--) {
            e.days.add(new DailyBaseload(LocalDate.ofEpochDay(in.readLong()), in.readDouble(), in.readDouble(), in.readInt()));
        }
        for (int i = in.readInt(); i > 0; i--) {
            e.jumps.add(new BaseloadJumpDetector.Jump(LocalDate.ofEpochDay(in.readLong()),
                    LocalDate.ofEpochDay(in.readLong()), in.readDouble(), in.readDouble()));
        }
        e.jumpDetector = BaseloadJumpDetector.read(in);
        e.current = in.readBoolean() ? BaseloadDay.read(in) : null;
        return e;
    }
}
