package io.gridpulse.app;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.sim.HouseholdSimulator;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated meter: draws 1 Hz power from its household model and keeps a cumulative energy
 * register that continues the last stored value, so restarts never make the register jump.
 */
final class SimulatedHome {
    static final long STEP_MS = 1000;

    final MeterRef meter;
    private final HouseholdSimulator household;
    private long nextMs;
    private long registerMilliwattHours;
    private long registerRemainderMilliwattSeconds;
    private long[] buffer = new long[0];

    SimulatedHome(MeterRef meter, HouseholdSimulator household, long startMs, Reading lastStored) {
        this.meter = meter;
        this.household = household;
        this.nextMs = startMs;
        this.registerMilliwattHours = lastStored != null && lastStored.hasEnergy()
                ? lastStored.energyMilliwattHours() : household.energyRegisterMilliwattHours();
    }

    long nextMs() {
        return nextMs;
    }

    /** Readings for every whole second from the next due instant up to (excluding) {@code untilMs}, at most {@code max}. */
    List<Reading> readingsUntil(long untilMs, int max) {
        int count = (int) Math.max(0, Math.min(max, (untilMs - nextMs + STEP_MS - 1) / STEP_MS));
        if (buffer.length < count) {
            buffer = new long[count];
        }
        household.fill(nextMs, STEP_MS, count, buffer);
        List<Reading> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Reading(nextMs + i * STEP_MS, buffer[i], registerMilliwattHours));
            accumulate(Math.max(0, buffer[i]));
        }
        nextMs += count * STEP_MS;
        return out;
    }

    private void accumulate(long powerMilliwatts) {
        // Register value at a reading is the energy before it; the interval after it adds power x 1 s.
        registerRemainderMilliwattSeconds += powerMilliwatts * (STEP_MS / 1000);
        registerMilliwattHours += registerRemainderMilliwattSeconds / 3600;
        registerRemainderMilliwattSeconds %= 3600;
    }

    /** The seed of the household model (a fresh simulator of it reproduces every reading). */
    long householdSeed() {
        return household.seed();
    }

    String describe() {
        return household.describe();
    }
}
