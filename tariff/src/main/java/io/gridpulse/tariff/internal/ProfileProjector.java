package io.gridpulse.tariff.internal;

import io.gridpulse.core.Units;
import io.gridpulse.tariff.HourlyUsage;
import io.gridpulse.tariff.UsageProjector;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Default projection: an hour-of-day profile per day type (weekday / weekend) from up to
 * {@value #HISTORY_DAYS} complete past days, each weighted by recency (half-life
 * {@value #HALF_LIFE_DAYS} days). With no complete day yet, the average rate since the period
 * start continues. Deterministic; Korean public holidays are treated as weekdays.
 */
public final class ProfileProjector implements UsageProjector {
    static final int HISTORY_DAYS = 28;
    static final double HALF_LIFE_DAYS = 7.0;
    private static final long HOUR_MS = Units.MILLIS_PER_HOUR;

    @Override
    public HourlyUsage projectRemaining(HourlyUsage usage, Instant at, Instant periodStart, Instant periodEndExclusive,
                                        ZoneId zone) {
        if (!at.isBefore(periodEndExclusive)) {
            return HourlyUsage.empty();
        }
        HourProfile profile = profile(usage, at, periodStart, zone);
        long currentHour = Math.floorDiv(at.toEpochMilli(), HOUR_MS) * HOUR_MS;
        long firstHour = Math.max(currentHour, periodStart.toEpochMilli());
        int hours = (int) Math.max(0, (periodEndExclusive.toEpochMilli() - firstHour + HOUR_MS - 1) / HOUR_MS);
        long[] starts = new long[hours];
        long[] energy = new long[hours];
        for (int i = 0; i < hours; i++) {
            long hour = firstHour + i * HOUR_MS;
            double estimate = profile.estimate(LocalDateTime.ofInstant(Instant.ofEpochMilli(hour), zone));
            double share = hour == currentHour ? (hour + HOUR_MS - at.toEpochMilli()) / (double) HOUR_MS : 1.0;
            starts[i] = hour;
            energy[i] = Math.round(estimate * share);
        }
        return HourlyUsage.of(starts, energy);
    }

    private static HourProfile profile(HourlyUsage usage, Instant at, Instant periodStart, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        HourProfile profile = new HourProfile();
        LocalDate firstFullDay = firstFullDay(usage, zone);
        for (int age = 1; age <= HISTORY_DAYS && firstFullDay != null; age++) {
            LocalDate day = today.minusDays(age);
            if (day.isBefore(firstFullDay)) {
                break;
            }
            profile.addDay(day, hourly(usage, day, zone), Math.pow(0.5, (age - 1) / HALF_LIFE_DAYS));
        }
        return profile.isEmpty() ? HourProfile.flat(averageHourly(usage, periodStart, at)) : profile;
    }

    private static LocalDate firstFullDay(HourlyUsage usage, ZoneId zone) {
        if (usage.isEmpty()) {
            return null;
        }
        LocalDateTime first = LocalDateTime.ofInstant(Instant.ofEpochMilli(usage.hourStartMs(0)), zone);
        return first.getHour() == 0 ? first.toLocalDate() : first.toLocalDate().plusDays(1);
    }

    private static long[] hourly(HourlyUsage usage, LocalDate day, ZoneId zone) {
        long[] byHour = new long[24];
        usage.between(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant())
                .forEach((hour, energy) -> byHour[LocalDateTime.ofInstant(Instant.ofEpochMilli(hour), zone).getHour()] += energy);
        return byHour;
    }

    /** Microwatt-hours per hour since the period start, or 0 with less than a minute elapsed. */
    private static double averageHourly(HourlyUsage usage, Instant periodStart, Instant at) {
        long elapsedMs = at.toEpochMilli() - periodStart.toEpochMilli();
        if (elapsedMs < 60_000) {
            return 0;
        }
        return usage.between(periodStart, at).totalMicrowattHours() * (double) HOUR_MS / elapsedMs;
    }

    /** Weighted hour-of-day averages for weekdays and weekends. */
    private static final class HourProfile {
        private final double[][] weightedEnergy = new double[2][24];
        private final double[] weights = new double[2];
        private double flatHourly = -1;

        static HourProfile flat(double hourly) {
            HourProfile profile = new HourProfile();
            profile.flatHourly = hourly;
            return profile;
        }

        void addDay(LocalDate day, long[] byHour, double weight) {
            int type = dayType(day);
            for (int h = 0; h < 24; h++) {
                weightedEnergy[type][h] += weight * byHour[h];
            }
            weights[type] += weight;
        }

        boolean isEmpty() {
            return weights[0] == 0 && weights[1] == 0;
        }

        double estimate(LocalDateTime hour) {
            if (flatHourly >= 0) {
                return flatHourly;
            }
            int type = dayType(hour.toLocalDate());
            if (weights[type] > 0) {
                return weightedEnergy[type][hour.getHour()] / weights[type];
            }
            return (weightedEnergy[0][hour.getHour()] + weightedEnergy[1][hour.getHour()]) / (weights[0] + weights[1]);
        }

        private static int dayType(LocalDate day) {
            DayOfWeek dow = day.getDayOfWeek();
            return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 1 : 0;
        }
    }
}
