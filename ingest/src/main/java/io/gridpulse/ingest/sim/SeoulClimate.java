package io.gridpulse.ingest.sim;

import java.time.LocalDate;

/**
 * Outdoor weather and daylight of Seoul, by local date: monthly mean temperatures (KMA 1991–2020
 * normals, rounded) interpolated across the year plus a smooth day-to-day anomaly that is the same
 * for every simulated home (they share a city), and sunrise/sunset at 37.5° N.
 */
final class SeoulClimate {
    private static final double[] MONTHLY_MEAN_C = {-1.9, 0.7, 6.1, 12.6, 18.2, 22.7, 25.3, 26.1, 21.6, 15.0, 7.5, 0.2};
    private static final long WEATHER_SEED = 0x5E0_017_C11L;
    private static final double ANOMALY_SD_C = 2.5;

    private SeoulClimate() {}

    /** Daily mean outdoor temperature in °C on {@code epochDay} (local date). */
    static double dailyMeanC(long epochDay) {
        return normalC(LocalDate.ofEpochDay(epochDay)) + anomalyC(epochDay);
    }

    /** Daily maximum outdoor temperature in °C. */
    static double dailyMaxC(long epochDay) {
        return dailyMeanC(epochDay) + 4.5;
    }

    /** Local second of day of sunrise (Korea Standard Time solar noon ≈ 12:32). */
    static int sunriseSecond(int dayOfYear) {
        return (int) ((12.53 - daylightHours(dayOfYear) / 2) * 3600);
    }

    static int sunsetSecond(int dayOfYear) {
        return (int) ((12.53 + daylightHours(dayOfYear) / 2) * 3600);
    }

    private static double daylightHours(int dayOfYear) {
        return 12.2 + 2.4 * Math.sin(2 * Math.PI * (dayOfYear - 80) / 365.0);
    }

    private static double normalC(LocalDate date) {
        double month = date.getMonthValue() - 1 + (date.getDayOfMonth() - 0.5) / date.lengthOfMonth() - 0.5;
        int lower = Math.floorMod((int) Math.floor(month), 12);
        double frac = month - Math.floor(month);
        return MONTHLY_MEAN_C[lower] * (1 - frac) + MONTHLY_MEAN_C[(lower + 1) % 12] * frac;
    }

    /** Weather spells: a weighted sum of neighbouring days' random draws, so days correlate. */
    private static double anomalyC(long epochDay) {
        double sum = 0;
        double weights = 0;
        for (int k = -3; k <= 3; k++) {
            double w = 4 - Math.abs(k);
            sum += w * new SimRandom(SimRandom.mix(WEATHER_SEED, epochDay + k)).gaussian();
            weights += w * w;
        }
        return ANOMALY_SD_C * sum / Math.sqrt(weights);
    }
}
