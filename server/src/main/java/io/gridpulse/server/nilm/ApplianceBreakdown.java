package io.gridpulse.server.nilm;

import io.gridpulse.analytics.nilm.ApplianceEstimate;
import io.gridpulse.analytics.nilm.Disaggregation;
import io.gridpulse.analytics.nilm.OnPeriod;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Cuts a {@link Disaggregation} (computed with some context before the range, so its features are
 * warm) down to a query range [fromMs, toMs): energy per appliance and per calendar month, and the
 * on-periods that overlap the range. Known appliances come first, most energy first, then the
 * unidentified remainder. Stateless.
 */
public final class ApplianceBreakdown {
    private static final double MILLISECONDS_PER_HOUR = 3_600_000.0;

    private ApplianceBreakdown() {}

    public static List<ApplianceUsage> of(Disaggregation d, long fromMs, long toMs, ZoneId zone) {
        YearMonth[] months = monthOfTicks(d.timestampsMs(), zone);
        return d.appliances().stream()
                .map(a -> usage(a, d, months, fromMs, toMs))
                .sorted(Comparator.comparing((ApplianceUsage u) -> u.appliance().equals(Disaggregation.UNIDENTIFIED))
                        .thenComparing(u -> -u.energyMilliwattHours()))
                .toList();
    }

    private static ApplianceUsage usage(ApplianceEstimate a, Disaggregation d, YearMonth[] months, long fromMs, long toMs) {
        long[] ts = d.timestampsMs();
        long[] power = a.powerMilliwatts();
        TreeMap<YearMonth, Double> byMonth = new TreeMap<>();
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] >= fromMs && ts[i] < toMs) {
                byMonth.merge(months[i], power[i] * d.stepMs() / MILLISECONDS_PER_HOUR, Double::sum);
            }
        }
        TreeMap<YearMonth, Long> rounded = new TreeMap<>();
        byMonth.forEach((m, e) -> rounded.put(m, Math.round(e)));
        long total = rounded.values().stream().mapToLong(Long::longValue).sum();
        List<OnPeriod> periods = a.onPeriods().stream().filter(p -> p.endMs() > fromMs && p.startMs() < toMs).toList();
        return new ApplianceUsage(a.appliance(), total, rounded, periods);
    }

    private static YearMonth[] monthOfTicks(long[] ts, ZoneId zone) {
        YearMonth[] out = new YearMonth[ts.length];
        long monthEndMs = Long.MIN_VALUE;
        YearMonth current = null;
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] >= monthEndMs) {
                current = YearMonth.from(Instant.ofEpochMilli(ts[i]).atZone(zone));
                monthEndMs = current.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
            }
            out[i] = current;
        }
        return out;
    }
}
