package io.gridpulse.bench.store;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import java.time.Instant;

/**
 * Deterministic household-like 1 Hz data: each meter's power holds appliance levels for tens of
 * seconds with 0.1 W noise, and an energy register counts up. Same values for every engine.
 */
public final class FleetData {
    public static final long START_MS = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    public static final String TENANT = "bench";
    private static final String[] NAMES = new String[1_000_000];
    private static final MeterRef[] REFS = new MeterRef[1_000_000];

    private FleetData() {}

    public static String meterName(int meter) {
        String name = meter < NAMES.length ? NAMES[meter] : null;
        if (name == null) {
            name = "m" + meter;
            if (meter < NAMES.length) {
                NAMES[meter] = name;
            }
        }
        return name;
    }

    /** Cached like the names: a gateway keeps its meters' references (building one validates the id). */
    public static MeterRef meter(int meter) {
        MeterRef ref = meter < REFS.length ? REFS[meter] : null;
        if (ref == null) {
            ref = MeterRef.of(TENANT, meterName(meter));
            if (meter < REFS.length) {
                REFS[meter] = ref;
            }
        }
        return ref;
    }

    public static long powerMilliwatts(int meter, long second) {
        long level = mix(meter * 1_000_003L + second / 45) % 8;
        long noise = mix(meter * 7_919L + second) % 21 - 10;
        return 150_000 + level * 250_000 + noise * 100;
    }

    /** A register that grows by the held power, so it is monotonic and consistent. */
    public static long energyMilliwattHours(int meter, long second) {
        return 5_000_000L + meter * 1_000L + second * 500 / 3600;
    }

    public static Reading reading(int meter, long second) {
        return new Reading(START_MS + second * 1000, powerMilliwatts(meter, second), energyMilliwattHours(meter, second));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (z ^ (z >>> 33)) & Long.MAX_VALUE;
    }
}
