package io.gridpulse.server.api;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Rollup;
import io.gridpulse.server.alerts.SilenceWatcher;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.http.Params;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator's view of the fleet. {@code GET /api/v1/usage}: hourly energy of every meter of the
 * caller's tenant, side by side, in one read of the store for the whole fleet
 * ({@link ReadingStore#rollups(List, RollupLevel, long, long)}). {@code GET /api/v1/fleet/status}:
 * how many report now, which went silent.
 */
public final class FleetRoutes {
    /** Meters × hours per answer: 10,000 meters × 3 weeks, 100,000 × 2 days; ≈ 1 s of reading. */
    static final long MAX_CELLS = 5_000_000L;
    private static final long HOUR_MS = RollupLevel.HOUR.lengthMs();

    /** Silent meters listed in a status answer (all are counted). */
    static final int SILENT_LISTED = 100;

    private final ReadingStore store;
    private final Clock clock;
    private final SilenceWatcher silence;
    private final long silentAfterMs;

    public FleetRoutes(ReadingStore store, Clock clock, SilenceWatcher silence, long silentAfterMs) {
        this.store = store;
        this.clock = clock;
        this.silence = silence;
        this.silentAfterMs = silentAfterMs;
    }

    /**
     * {@code GET /api/v1/fleet/status}: how many of the tenant's meters report now and which went
     * silent (no reading for {@code silentAfterMs}), longest silent first; meters that have not
     * reported since the server started (or within its look-back at start) are not watched.
     */
    public void status(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.READ);
        SilenceWatcher.FleetSilence s = silence.status(p.tenant(), SILENT_LISTED);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", p.tenant().value());
        body.put("at", clock.millis());
        body.put("meters", store.meters().countOf(p.tenant()));
        body.put("reporting", s.watched() - s.silentCount());
        body.put("silentCount", s.silentCount());
        body.put("silentAfterMs", silentAfterMs);
        body.put("silent", s.silent().stream().map(m -> Map.of("meterId", m.meter().meter().value(),
                "lastArrivalMs", m.lastArrivalMs(), "silentForMs", m.silentForMs())).toList());
        ctx.json(body);
    }

    public void usage(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.READ);
        long to = Params.time(ctx, "to", clock.millis() + 1);
        long from = Params.time(ctx, "from", to - 86_400_000L);
        MeterRoutes.checkRange(from, to);
        boolean perMeter = ctx.queryParamAsClass("perMeter", Boolean.class).getOrDefault(true);
        List<MeterRef> meters = store.meters().list(p.tenant()).stream().map(MeterRecord::ref).toList();
        long first = RollupLevel.HOUR.bucketStart(from);
        int hours = (int) Math.min(Integer.MAX_VALUE, (to - 1 - first) / HOUR_MS + 1);
        int counted = Math.max(1, meters.size()); // no meters still bounds the answer's hourly arrays
        if ((long) hours * counted > MAX_CELLS) {
            throw new InvalidInputException("from", meters.size() + " meters × " + hours + " hours exceeds "
                    + MAX_CELLS + " values per request: ask for at most " + MAX_CELLS / counted + " hours at a time");
        }
        ctx.json(body(p, meters, store.rollups(meters, RollupLevel.HOUR, first, to), first, hours, from, to, perMeter));
    }

    private static Map<String, Object> body(Principal p, List<MeterRef> meters, List<List<Rollup>> rows, long first,
            int hours, long from, long to, boolean perMeter) {
        long[] totalNanowattHours = new long[hours];
        int[] reporting = new int[hours];
        List<Map<String, Object>> byMeter = new ArrayList<>(perMeter ? meters.size() : 0);
        for (int m = 0; m < meters.size(); m++) {
            BigDecimal[] energyWh = perMeter ? new BigDecimal[hours] : null; // null: no row, nothing recorded that hour
            for (Rollup r : rows.get(m)) {
                int h = (int) ((r.bucketStartMs() - first) / HOUR_MS);
                totalNanowattHours[h] += r.energyNanowattHours();
                reporting[h]++;
                if (perMeter) {
                    energyWh[h] = Json.wattHours(r.energyNanowattHours());
                }
            }
            if (perMeter) {
                Map<String, Object> meter = new LinkedHashMap<>();
                meter.put("meterId", meters.get(m).meter().value());
                meter.put("energyWh", Arrays.asList(energyWh));
                byMeter.add(meter);
            }
        }
        long[] ts = new long[hours];
        BigDecimal[] totalWh = new BigDecimal[hours];
        for (int h = 0; h < hours; h++) {
            ts[h] = first + h * HOUR_MS;
            totalWh[h] = Json.wattHours(totalNanowattHours[h]);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", p.tenant().value());
        body.put("step", "1h");
        body.put("from", from);
        body.put("to", to);
        body.put("meterCount", meters.size());
        body.put("ts", ts);
        body.put("totalWh", totalWh);
        body.put("metersReporting", reporting);
        if (perMeter) {
            body.put("meters", byMeter);
        }
        return body;
    }
}
