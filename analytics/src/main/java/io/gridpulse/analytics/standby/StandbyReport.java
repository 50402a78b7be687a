package io.gridpulse.analytics.standby;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.YearMonth;

/**
 * Standby summary over a run of days: per-day and per-month estimates, the linear trend of the
 * robust daily baseload (W per 30-day month; 0 with fewer than 3 days) and detected jumps.
 */
public record StandbyReport(List<DailyBaseload> days, List<MonthlyStandby> months, double trendWattsPerMonth,
                            List<BaseloadJumpDetector.Jump> jumps) {
    static final double DAYS_PER_MONTH = 30.0;

    public StandbyReport {
        days = List.copyOf(days);
        months = List.copyOf(months);
        jumps = List.copyOf(jumps);
    }

    /** Builds the report from days in order and the jumps found on them. */
    public static StandbyReport of(List<DailyBaseload> days, List<BaseloadJumpDetector.Jump> jumps) {
        return new StandbyReport(days, months(days), trend(days), jumps);
    }

    private static List<MonthlyStandby> months(List<DailyBaseload> days) {
        Map<YearMonth, List<DailyBaseload>> byMonth = new TreeMap<>();
        days.forEach(d -> byMonth.computeIfAbsent(YearMonth.from(d.day()), k -> new ArrayList<>()).add(d));
        List<MonthlyStandby> out = new ArrayList<>();
        byMonth.forEach((month, list) -> {
            double encored = list.stream().mapToDouble(DailyBaseload::lowestQuarterHourWatts).average().orElse(0);
            double robust = BaseloadJumpDetector.median(list.stream().map(DailyBaseload::nightLowPercentileWatts).toList());
            out.add(new MonthlyStandby(month, list.size(), encored, robust, robust * 24 * list.size(),
                    robust * 24 * month.lengthOfMonth()));
        });
        return out;
    }

    /** Least-squares slope of robust daily baseload against day number, scaled to 30 days. */
    static double trend(List<DailyBaseload> days) {
        if (days.size() < 3) {
            return 0;
        }
        double n = days.size();
        double mx = days.stream().mapToDouble(d -> d.day().toEpochDay()).average().orElse(0);
        double my = days.stream().mapToDouble(DailyBaseload::nightLowPercentileWatts).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (DailyBaseload d : days) {
            double dx = d.day().toEpochDay() - mx;
            sxy += dx * (d.nightLowPercentileWatts() - my);
            sxx += dx * dx;
        }
        return sxx == 0 || n < 3 ? 0 : sxy / sxx * DAYS_PER_MONTH;
    }
}
