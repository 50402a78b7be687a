package io.gridpulse.app.load;

/**
 * Deterministic household power for a simulated fleet: a per-home base load (80–400 W), a
 * fridge cycling 110 W (15 of every 40 minutes), in one 15-minute slot out of six an appliance of
 * 0.5–2.5 kW for 5 minutes, and ±5 W noise. Same (meter, second) → same value; no state, so any
 * thread can ask.
 */
public final class FleetProfile {
    private static final long FRIDGE_PERIOD_S = 2_400;
    private static final long FRIDGE_ON_S = 900;
    private static final long SLOT_S = 900;
    private static final long APPLIANCE_ON_S = 300;

    private FleetProfile() {}

    /** Power of meter {@code meterIndex} at {@code epochSecond}, in mW (always ≥ 0). */
    public static long powerMilliwatts(int meterIndex, long epochSecond) {
        long home = mix(meterIndex + 1L);
        long local = epochSecond + (home >>> 20) % 86_400;
        long base = 80_000 + Math.floorMod(home, 320_000);
        long fridge = Math.floorMod(local, FRIDGE_PERIOD_S) < FRIDGE_ON_S ? 110_000 : 0;
        long slot = mix(Math.floorDiv(local, SLOT_S) ^ home);
        boolean applianceOn = Math.floorMod(slot, 6) == 0 && Math.floorMod(local, SLOT_S) < APPLIANCE_ON_S;
        long appliance = applianceOn ? 500_000 + Math.floorMod(slot >>> 8, 2_000_000) : 0;
        long noise = Math.floorMod(mix(epochSecond ^ home), 10_001) - 5_000;
        return Math.max(0, base + fridge + appliance + noise);
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }
}
