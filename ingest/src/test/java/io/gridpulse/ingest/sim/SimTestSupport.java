package io.gridpulse.ingest.sim;

import java.time.LocalDate;
import java.time.ZoneId;

/** Helpers shared by the simulator tests: whole local days at 1 Hz in Seoul. */
final class SimTestSupport {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final SignatureLibrary PARAMETRIC = SignatureLibrary.parametric();
    static final int DAY_SECONDS = 86_400;

    private SimTestSupport() {}

    static long midnightMs(LocalDate date) {
        return date.atStartOfDay(SEOUL).toInstant().toEpochMilli();
    }

    /** One local day at 1 Hz from a fresh simulator of {@code seed}. */
    static long[] day(long seed, LocalDate date, SignatureLibrary library) {
        long[] power = new long[DAY_SECONDS];
        new HouseholdSimulator(seed, SEOUL, library).fill(midnightMs(date), 1000, DAY_SECONDS, power);
        return power;
    }

    static double kilowattHours(long[] powerMilliwattsAtOneHertz) {
        long sum = 0;
        for (long p : powerMilliwattsAtOneHertz) {
            sum += p;
        }
        return sum / 3.6e9;
    }

    static double meanWatts(long[] power, int fromSecond, int toSecond) {
        long sum = 0;
        for (int s = fromSecond; s < toSecond; s++) {
            sum += power[s];
        }
        return sum / 1000.0 / (toSecond - fromSecond);
    }
}
