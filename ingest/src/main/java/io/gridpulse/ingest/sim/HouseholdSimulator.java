package io.gridpulse.ingest.sim;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A simulated household meter reporting active power (and an import energy register) at any
 * cadence, for {@code gridpulse demo} and load tests.
 *
 * <p>The home — people, floor area, timetable, appliance set and sizes — is drawn from the seed.
 * Its power at an instant depends only on (seed, zone, signature library, local date of the
 * instant): each local day is drawn from (seed, day) alone, with events that run past midnight
 * carried into the next day and thermostat cycles laid on absolute time, so any range of time is
 * reproducible, whatever was filled before. Outdoor temperature and daylight follow Seoul's
 * climate by date, so homes cool in summer and heat in winter.
 *
 * <p>The energy register starts at a seeded reading (a meter installed years ago) at the first
 * filled instant and then integrates the simulated power exactly, including any time skipped
 * between calls. Not thread-safe: use one instance per thread.
 */
public final class HouseholdSimulator {
    private static final long MILLIWATT_SECONDS_PER_MILLIWATT_HOUR = 3600;

    private final long seed;
    private final ZoneId zone;
    private final HomeProfile home;
    private final List<Appliance> appliances;
    private final long registerBaseMilliwattSeconds;

    private SimulatedDay current;
    private SubMeteredDay subMetered;
    private long registerAtDayStartMilliwattSeconds;
    private long lastFilledMs;

    /** A deterministic household: same seed → same appliances and same readings. */
    public HouseholdSimulator(long seed, ZoneId zone, SignatureLibrary signatures) {
        this.seed = seed;
        this.zone = Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(signatures, "signatures");
        SimRandom rng = new SimRandom(SimRandom.mix(seed, 0x40E));
        this.home = HomeProfile.draw(rng);
        this.appliances = HomeFactory.appliances(seed, home, signatures);
        long registerKwh = 1_000 + rng.nextInt(30_000);
        this.registerBaseMilliwattSeconds = registerKwh * 1_000_000 * MILLIWATT_SECONDS_PER_MILLIWATT_HOUR;
    }

    /**
     * Fills {@code powerMilliwatts[i]} for the instants {@code startMs + i * stepMs}, i < count, in
     * order. Continuous across calls: a call must not start before the last instant already
     * filled; skipped time still counts in the energy register.
     *
     * @param startMs UTC epoch milliseconds of the first sample
     * @param stepMs sampling interval, > 0 (1000 for a 1 Hz meter)
     * @throws IllegalArgumentException on a non-positive step, a count outside the array, or a
     *     start before the last filled instant
     */
    public void fill(long startMs, long stepMs, int count, long[] powerMilliwatts) {
        if (stepMs <= 0 || count < 0 || count > powerMilliwatts.length) {
            throw new IllegalArgumentException("need stepMs > 0 and 0 <= count <= array length");
        }
        if (current != null && startMs < lastFilledMs) {
            throw new IllegalArgumentException("fill went back in time: " + startMs + " < " + lastFilledMs);
        }
        if (count == 0) {
            return;
        }
        if (current == null) {
            start(startMs);
        }
        long t = startMs;
        for (int i = 0; i < count; ) {
            advanceTo(t);
            int n = (int) Math.min(count - i, (current.endMs - 1 - t) / stepMs + 1);
            copyDay(t, stepMs, n, powerMilliwatts, i);
            i += n;
            t += n * stepMs;
        }
        lastFilledMs = t - stepMs;
    }

    /**
     * Sub-metering: fills the aggregate and every appliance kind's power for the instants
     * {@code startMs + i * stepMs}, i < count. The aggregate equals what {@link #fill} gives for the
     * same instants, and the channels sum to it exactly (the {@code "standby"} channel also carries
     * the meter's noise). Channels are named by appliance kind — {@code "fridge"},
     * {@code "kimchi fridge"}, {@code "rice cooker"}, {@code "AC"}, {@code "washer"}, {@code "TV"},
     * {@code "lights"}, {@code "standby"}, … — and only the home's own appliances appear.
     *
     * <p>Independent of {@link #fill}: any range, in any order, without touching the energy
     * register. About 2× slower than {@code fill} (each appliance drawn on its own canvas); meant
     * for training and evaluating disaggregation, not for live meters.
     *
     * @param aggregateMilliwatts receives the whole-home power; length ≥ count
     * @param applianceMilliwatts receives one array of length {@code count} per channel (replaced)
     */
    public void fillAppliances(long startMs, long stepMs, int count, long[] aggregateMilliwatts,
                               Map<String, long[]> applianceMilliwatts) {
        if (stepMs <= 0 || count < 0 || count > aggregateMilliwatts.length) {
            throw new IllegalArgumentException("need stepMs > 0 and 0 <= count <= array length");
        }
        applianceMilliwatts.clear();
        long t = startMs;
        for (int i = 0; i < count; ) {
            SubMeteredDay day = subMeteredDayAt(t);
            int n = (int) Math.min(count - i, (day.endMs - 1 - t) / stepMs + 1);
            day.copy(day.aggregateMilliwatts, t, stepMs, n, aggregateMilliwatts, i);
            for (var e : day.channelMilliwatts.entrySet()) {
                day.copy(e.getValue(), t, stepMs, n, applianceMilliwatts.computeIfAbsent(e.getKey(), k -> new long[count]), i);
            }
            i += n;
            t += n * stepMs;
        }
    }

    /** Cumulative import energy register (mWh) at the last filled sample; the seeded start before any. */
    public long energyRegisterMilliwattHours() {
        if (current == null) {
            return registerBaseMilliwattSeconds / MILLIWATT_SECONDS_PER_MILLIWATT_HOUR;
        }
        long total = registerAtDayStartMilliwattSeconds + current.energyUntilMilliwattSeconds(lastFilledMs);
        return total / MILLIWATT_SECONDS_PER_MILLIWATT_HOUR;
    }

    /** E.g. {@code "4 people, 84 m², home by day: fridge 150 W, kimchi fridge 70 W, rice cooker 1.0 kW, …"}. */
    public String describe() {
        String who = home.people() + (home.people() == 1 ? " person" : " people") + ", " + home.areaSquareMetres() + " m²"
                + (home.homeDuringDay() ? ", home by day" : ", out on weekdays");
        return who + ": " + appliances.stream().map(Appliance::label).collect(Collectors.joining(", "));
    }

    /** The seed this home was drawn from. */
    public long seed() {
        return seed;
    }

    private void start(long startMs) {
        current = drawDay(Instant.ofEpochMilli(startMs).atZone(zone).toLocalDate().toEpochDay());
        registerAtDayStartMilliwattSeconds = registerBaseMilliwattSeconds - current.energyUntilMilliwattSeconds(startMs);
    }

    private void advanceTo(long t) {
        while (t >= current.endMs) {
            registerAtDayStartMilliwattSeconds += current.totalMilliwattSeconds();
            current = drawDay(current.epochDay + 1);
        }
    }

    private SubMeteredDay subMeteredDayAt(long t) {
        if (subMetered == null || t < subMetered.startMs || t >= subMetered.endMs) {
            long epochDay = Instant.ofEpochMilli(t).atZone(zone).toLocalDate().toEpochDay();
            subMetered = SubMeteredDay.draw(seed, home, appliances, zone, epochDay);
        }
        return subMetered;
    }

    private SimulatedDay drawDay(long epochDay) {
        return SimulatedDay.draw(seed, home, appliances, zone, epochDay);
    }

    private void copyDay(long t, long stepMs, int n, long[] out, int at) {
        int[] power = current.powerMilliwatts;
        long offsetMs = t - current.startMs;
        if (stepMs == 1000 && offsetMs % 1000 == 0) {
            int first = (int) (offsetMs / 1000);
            for (int k = 0; k < n; k++) {
                out[at + k] = power[first + k];
            }
        } else {
            for (int k = 0; k < n; k++) {
                out[at + k] = power[(int) ((offsetMs + k * stepMs) / 1000)];
            }
        }
    }
}
