package io.gridpulse.server.insight;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.TenantId;
import io.gridpulse.core.Units;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a home's daily use compares with the other homes of its tenant (the households one energy
 * service serves) over the last {@link #DAYS} days: the median and quartiles of their daily
 * averages and the share of homes using more. Only aggregates leave it, and only when at least
 * {@link #MIN_HOMES} homes have enough data, so no single neighbour's use can be read off.
 *
 * <p>A tenant's figures are computed from hourly rollups (one seek per meter) and refreshed after
 * {@link #REFRESH_MS}: a fleet of 100,000 meters is read about once an hour, not once per page view.
 */
public final class HomeComparison {
    public static final int DAYS = 30;
    public static final int MIN_HOMES = 5;
    /** A home needs data over half the window to be compared (a new or mostly silent meter is not). */
    static final double MIN_COVERAGE = 0.5;
    static final long REFRESH_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final long WINDOW_MS = DAYS * DAY_MS;
    private static final int METERS_PER_READ = 1_000;

    private final ReadingStore store;
    private final Clock clock;
    private final Map<TenantId, Homes> cache = new ConcurrentHashMap<>();
    private final Map<TenantId, Object> locks = new ConcurrentHashMap<>();
    private final Set<TenantId> refreshing = ConcurrentHashMap.newKeySet();

    public HomeComparison(ReadingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The comparison for one meter of the tenant. */
    public Result compare(MeterRef meter) {
        Homes homes = homes(meter.tenant());
        Long own = homes.dailyWh().get(meter.meter());
        long[] all = homes.sortedDailyWh();
        if (own == null || all.length < MIN_HOMES) {
            return new Result(homes, all.length, own, null, null, null, null);
        }
        int more = all.length - upperBound(all, own); // other homes above this one's daily use
        return new Result(homes, all.length, own, quantile(all, 0.25), quantile(all, 0.5), quantile(all, 0.75),
                (int) Math.round(100.0 * more / (all.length - 1)));
    }

    /**
     * The comparison's figures: {@code dailyWh} null when this meter has too little data;
     * quartiles and {@code percentUsingMore} null when fewer than {@link #MIN_HOMES} homes qualify.
     */
    public record Result(Homes homes, int homeCount, Long dailyWh, Long p25DailyWh, Long medianDailyWh,
                         Long p75DailyWh, Integer percentUsingMore) {}

    /** A tenant's homes with enough data: average daily use in Wh, over [fromMs, toMs). */
    public record Homes(long fromMs, long toMs, long computedMs, Map<MeterId, Long> dailyWh, long[] sortedDailyWh) {}

    /**
     * The tenant's homes: computed on the first request (it waits), then refreshed in the
     * background once stale while requests keep the previous figures.
     */
    private Homes homes(TenantId tenant) {
        Homes cached = cache.get(tenant);
        if (cached == null) {
            synchronized (locks.computeIfAbsent(tenant, t -> new Object())) { // requests behind the first take its answer
                cached = cache.get(tenant);
                if (cached == null) {
                    cached = compute(tenant, clock.millis());
                    cache.put(tenant, cached);
                }
            }
        } else if (clock.millis() - cached.computedMs() >= REFRESH_MS && refreshing.add(tenant)) {
            Thread.ofVirtual().name("gridpulse-comparison-" + tenant).start(() -> {
                try {
                    cache.put(tenant, compute(tenant, clock.millis()));
                } finally {
                    refreshing.remove(tenant);
                }
            });
        }
        return cached;
    }

    private Homes compute(TenantId tenant, long now) {
        long to = RollupLevel.HOUR.bucketStart(now);
        long from = to - WINDOW_MS;
        List<MeterRef> meters = store.meters().list(tenant).stream().map(MeterRecord::ref).toList();
        Map<MeterId, Long> daily = new HashMap<>();
        for (int i = 0; i < meters.size(); i += METERS_PER_READ) {
            List<MeterRef> part = meters.subList(i, Math.min(meters.size(), i + METERS_PER_READ));
            List<List<Rollup>> hours = store.rollups(part, RollupLevel.HOUR, from, to);
            for (int m = 0; m < part.size(); m++) {
                long energyNwh = 0;
                long coveredMs = 0;
                for (Rollup r : hours.get(m)) {
                    energyNwh += r.energyNanowattHours();
                    coveredMs += r.coveredMs();
                }
                if (coveredMs >= MIN_COVERAGE * WINDOW_MS && energyNwh > 0) { // 0: switched off, not a home
                    daily.put(part.get(m).meter(), Math.round((double) energyNwh / Units.NANOWATT_HOURS_PER_WATT_HOUR * DAY_MS / coveredMs));
                }
            }
        }
        long[] sorted = daily.values().stream().mapToLong(Long::longValue).sorted().toArray();
        return new Homes(from, to, now, Map.copyOf(daily), sorted);
    }

    /** Linear interpolation between the order statistics around {@code q}. */
    static long quantile(long[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(sorted.length - 1, below + 1);
        return Math.round(sorted[below] + (at - below) * (sorted[above] - sorted[below]));
    }

    /** Index of the first value greater than {@code v}. */
    private static int upperBound(long[] sorted, long v) {
        int i = Arrays.binarySearch(sorted, v);
        if (i < 0) {
            return -i - 1;
        }
        while (i < sorted.length && sorted[i] == v) {
            i++;
        }
        return i;
    }
}
