package io.gridpulse.analytics.standby;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Detects a lasting step in the daily always-on power: {@link #CONFIRM_DAYS} consecutive days
 * each at least {@code max(MIN_JUMP_WATTS, MIN_JUMP_FRACTION × reference)} away from the
 * reference (median of up to {@link #REFERENCE_DAYS} earlier days, at least
 * {@link #MIN_REFERENCE_DAYS}). After a jump the reference restarts from the new level.
 */
public final class BaseloadJumpDetector {
    static final int REFERENCE_DAYS = 14;
    static final int MIN_REFERENCE_DAYS = 4;
    static final int CONFIRM_DAYS = 2;
    static final double MIN_JUMP_WATTS = 30;
    static final double MIN_JUMP_FRACTION = 0.25;

    /** A confirmed jump: the first shifted day, the reference and the new level in W. */
    public record Jump(LocalDate firstDay, LocalDate confirmedDay, double fromWatts, double toWatts) {
        public double deltaWatts() {
            return toWatts - fromWatts;
        }
    }

    private final Deque<Double> reference = new ArrayDeque<>();
    private final List<Double> pending = new ArrayList<>();
    private LocalDate pendingFirstDay;

    /** Feeds the next day's baseload (days in order); returns a jump when this day confirms one. */
    public Optional<Jump> onDay(LocalDate day, double baseloadWatts) {
        if (reference.size() < MIN_REFERENCE_DAYS) {
            push(baseloadWatts);
            return Optional.empty();
        }
        double ref = median(new ArrayList<>(reference));
        double threshold = Math.max(MIN_JUMP_WATTS, MIN_JUMP_FRACTION * Math.abs(ref));
        boolean shifted = Math.abs(baseloadWatts - ref) >= threshold
                && (pending.isEmpty() || Math.signum(baseloadWatts - ref) == Math.signum(pending.get(0) - ref));
        if (!shifted) {
            pending.forEach(this::push);
            pending.clear();
            push(baseloadWatts);
            return Optional.empty();
        }
        if (pending.isEmpty()) {
            pendingFirstDay = day;
        }
        pending.add(baseloadWatts);
        if (pending.size() < CONFIRM_DAYS) {
            return Optional.empty();
        }
        Jump jump = new Jump(pendingFirstDay, day, ref, median(pending));
        reference.clear();
        pending.forEach(this::push);
        pending.clear();
        return Optional.of(jump);
    }

    private void push(double watts) {
        reference.addLast(watts);
        while (reference.size() > REFERENCE_DAYS) {
            reference.removeFirst();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(reference.size());
        for (double d : reference) {
            out.writeDouble(d);
        }
        out.writeInt(pending.size());
        for (double d : pending) {
            out.writeDouble(d);
        }
        out.writeLong(pendingFirstDay == null ? Long.MIN_VALUE : pendingFirstDay.toEpochDay());
    }

    static BaseloadJumpDetector read(DataInput in) throws IOException {
        BaseloadJumpDetector d = new BaseloadJumpDetector();
        for (int i = in.readInt(); i > 0; i--) {
            d.reference.addLast(in.readDouble());
        }
        for (int i = in.readInt(); i > 0; i--) {
            d.pending.add(in.readDouble());
        }
        long first = in.readLong();
        d.pendingFirstDay = first == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(first);
        return d;
    }
}
