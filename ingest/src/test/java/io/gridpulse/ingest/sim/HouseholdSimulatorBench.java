package io.gridpulse.ingest.sim;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Measures the demo's backfill: 40 days × 86,400 s × N homes at 1 Hz on one thread, and daily
 * energy by season. Not a unit test (timing on shared CI cores is noisy); run by hand:
 * {@code java -cp … io.gridpulse.ingest.sim.HouseholdSimulatorBench [homes]}. Fails (exit 1) below
 * the bar of 5 M samples/s.
 */
public final class HouseholdSimulatorBench {
    private static final double REQUIRED_SAMPLES_PER_SECOND = 5e6;

    public static void main(String[] args) {
        int homes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ZoneId zone = ZoneId.of("Asia/Seoul");
        long began = System.nanoTime();
        SignatureLibrary library = SignatureLibrary.load();
        System.out.printf("signatures: %s (loaded in %.0f ms)%n", library.source(), (System.nanoTime() - began) / 1e6);
        double best = 0;
        for (int round = 0; round < 3; round++) {
            best = Math.max(best, backfill(homes, zone, library));
        }
        System.out.printf("backfill 40 d x %d homes at 1 Hz: best %.1f M samples/s%n", homes, best / 1e6);
        seasons(zone, library);
        if (best < REQUIRED_SAMPLES_PER_SECOND) {
            System.exit(1);
        }
    }

    private static double backfill(int homes, ZoneId zone, SignatureLibrary library) {
        long[] chunk = new long[3600];
        long start = LocalDate.of(2025, 6, 1).atStartOfDay(zone).toInstant().toEpochMilli();
        long samples = 0;
        long began = System.nanoTime();
        for (int h = 0; h < homes; h++) {
            HouseholdSimulator sim = new HouseholdSimulator(h + 1, zone, library);
            for (int hour = 0; hour < 40 * 24; hour++) {
                sim.fill(start + hour * 3_600_000L, 1000, chunk.length, chunk);
                samples += chunk.length;
            }
        }
        double rate = samples / ((System.nanoTime() - began) / 1e9);
        System.out.printf("  %d samples, %.1f M samples/s%n", samples, rate / 1e6);
        return rate;
    }

    private static void seasons(ZoneId zone, SignatureLibrary library) {
        String[] names = {"winter (Dec-Feb)", "spring (Mar-May)", "summer (Jun-Aug)", "autumn (Sep-Nov)"};
        double[][] kwh = new double[4][];
        long[] day = new long[86_400];
        for (int season = 0; season < 4; season++) {
            java.util.List<Double> days = new java.util.ArrayList<>();
            for (long seed = 1; seed <= 20; seed++) {
                HouseholdSimulator sim = new HouseholdSimulator(seed, zone, library);
                for (int m = 0; m < 3; m++) {
                    int month = (season * 3 + m + 11) % 12 + 1;
                    for (int dom = 2; dom <= 28; dom += 2) {
                        LocalDate date = LocalDate.of(month == 12 ? 2024 : 2025, month, dom);
                        sim.fill(date.atStartOfDay(zone).toInstant().toEpochMilli(), 1000, day.length, day);
                        days.add(SimTestSupport.kilowattHours(day));
                    }
                }
            }
            kwh[season] = days.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] k = kwh[season];
            System.out.printf("%-17s kWh/day over 20 homes: mean %.1f, p10 %.1f, median %.1f, p90 %.1f, min %.1f, max %.1f%n",
                    names[season], java.util.Arrays.stream(k).average().orElse(0), k[k.length / 10], k[k.length / 2],
                    k[k.length * 9 / 10], k[0], k[k.length - 1]);
        }
    }
}
