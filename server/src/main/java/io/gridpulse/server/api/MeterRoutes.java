package io.gridpulse.server.api;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.Step;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.http.Params;
import io.gridpulse.server.http.RequestBody;
import io.gridpulse.server.meter.MeterSettings;
import io.gridpulse.server.pipeline.IngestPipeline;
import io.gridpulse.store.AppendResult;
import io.gridpulse.store.CalendarRollups;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingColumns;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Meters, readings in, power and usage out. */
public final class MeterRoutes {
    /** A raw query may span at most this long (one week at 1 Hz is 604,800 points). */
    static final long MAX_RAW_RANGE_MS = 7 * 86_400_000L;
    static final int DEFAULT_METERS_PER_PAGE = 1_000;
    static final int MAX_METERS_PER_PAGE = 10_000;

    private final Set<String> tariffIds;
    private final ReadingStore store;
    private final IngestPipeline pipeline;
    private final BatchParser parser;
    private final Clock clock;
    private final long maxBodyBytes;
    /** The server's mapper, leaving the response stream open for Javalin to finish. */
    private final ObjectWriter streamingJson;

    /** @param tariffIds the tariffs a meter's settings may name */
    public MeterRoutes(ReadingStore store, IngestPipeline pipeline, BatchParser parser, Clock clock, long maxBodyBytes,
                       ObjectMapper json, Set<String> tariffIds) {
        this.store = store;
        this.tariffIds = Set.copyOf(tariffIds);
        this.pipeline = pipeline;
        this.parser = parser;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.streamingJson = json.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET);
    }

    public static Principal principal(Context ctx, Scope needed) {
        Principal p = ctx.attribute("principal");
        if (p == null || !p.scope().allows(needed)) {
            throw new io.gridpulse.core.AccessDeniedException("this key lacks the " + needed.name().toLowerCase() + " scope", false);
        }
        return p;
    }

    /** The meter in the caller's tenant, or 404 (other tenants' meters are invisible). */
    public MeterRecord meter(Context ctx, Scope needed) {
        Principal p = principal(ctx, needed);
        return store.meters().require(new MeterRef(p.tenant(), new MeterId(ctx.pathParam("meterId"))));
    }

    /**
     * {@code GET /meters[?prefix=][&after=][&limit=]}: the tenant's meters by id, a page at a time (a
     * fleet holds 100,000); {@code next} is the {@code after} of the next page, null on the last.
     */
    public void list(Context ctx) {
        Principal p = principal(ctx, Scope.READ);
        int limit = Params.intInRange(ctx, "limit", 1, MAX_METERS_PER_PAGE, DEFAULT_METERS_PER_PAGE);
        String prefix = ctx.queryParamAsClass("prefix", String.class).getOrDefault("");
        String after = ctx.queryParam("after");
        List<MeterRecord> page = p.boundToMeter() // a key bound to one meter sees that meter only
                ? store.meters().find(new MeterRef(p.tenant(), p.onlyMeter())).stream()
                        .filter(m -> m.ref().meter().value().startsWith(prefix)
                                && (after == null || m.ref().meter().value().compareTo(after) > 0)).toList()
                : store.meters().page(p.tenant(), prefix, after, limit + 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meters", page.stream().limit(limit).map(this::view).toList());
        body.put("next", page.size() > limit ? page.get(limit - 1).ref().meter().value() : null);
        ctx.json(body);
    }

    public void get(Context ctx) {
        ctx.json(view(meter(ctx, Scope.READ)));
    }

    public void updateSettings(Context ctx) {
        MeterRecord m = meter(ctx, Scope.WRITE);
        Map<String, Object> changes = RequestBody.jsonObject(ctx);
        MeterSettings merged = MeterSettings.fromMap(m.settings()).merge(changes);
        if (!tariffIds.contains(merged.tariffId())) { // the bill would fail on every reading after
            throw new InvalidInputException("tariffId", "unknown tariff '" + merged.tariffId() + "'; known: "
                    + String.join(", ", tariffIds.stream().sorted().toList()));
        }
        ctx.json(view(store.meters().updateSettings(m.ref(), merged.toMap())));
    }

    public void postReadings(Context ctx) {
        Principal p = principal(ctx, Scope.WRITE);
        MeterRef ref = new MeterRef(p.tenant(), new MeterId(ctx.pathParam("meterId")));
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        List<Reading> readings;
        try {
            byte[] body = RequestBody.bytes(ctx, maxBodyBytes);
            readings = type.startsWith("text/csv")
                    ? parser.parseCsv(new String(body, StandardCharsets.UTF_8))
                    : parser.parseJson(body);
        } catch (GridPulseException e) {
            pipeline.rejected(ref);
            throw e;
        }
        AppendResult result = pipeline.ingest(ref, readings);
        // written by hand: this answer is sent for every batch, and two numbers need no JSON mapper
        ctx.contentType("application/json")
                .result("{\"accepted\":" + result.accepted() + ",\"duplicates\":" + result.duplicates() + "}");
    }

    public void power(Context ctx) throws IOException {
        MeterRecord m = meter(ctx, Scope.READ);
        Step step = Step.parse(ctx.queryParamAsClass("step", String.class).getOrDefault("raw"));
        long to = Params.time(ctx, "to", clock.millis() + 1);
        long from = Params.time(ctx, "from", to - 3_600_000L);
        checkRange(from, to);
        boolean csv = CsvSeries.wanted(ctx);
        if (step == Step.RAW) {
            if (to - from > MAX_RAW_RANGE_MS) {
                throw new InvalidInputException("from", "raw range may span at most 7 days; use a rollup step");
            }
            ReadingColumns readings = store.readRawColumns(m.ref(), from, to);
            if (csv) {
                CsvSeries.raw(ctx, m.ref().meter().value(), readings, zone(m));
                return;
            }
            // streamed: a day at 1 Hz is ≈ 5 MB of JSON, which ctx.json would first build as a String
            ctx.contentType(ContentType.APPLICATION_JSON);
            streamingJson.writeValue(ctx.outputStream(), series(m, step, new RawPoints(readings)));
        } else if (csv) {
            CsvSeries.rollups(ctx, m.ref().meter().value(), step.label(), rollups(m, step, from, to, ctx), zone(m));
        } else {
            ctx.json(series(m, step, rollups(m, step, from, to, ctx).stream().map(Json::rollup).toList()));
        }
    }

    public void usage(Context ctx) throws IOException {
        MeterRecord m = meter(ctx, Scope.READ);
        Step step = Step.parse(ctx.queryParamAsClass("step", String.class).getOrDefault("1d"));
        if (step != Step.ONE_HOUR && step != Step.ONE_DAY && step != Step.ONE_MONTH) {
            throw new InvalidInputException("step", "usage step must be 1h, 1d or 1M");
        }
        long to = Params.time(ctx, "to", clock.millis() + 1);
        long from = Params.time(ctx, "from", to - 30 * 86_400_000L);
        checkRange(from, to);
        if (CsvSeries.wanted(ctx)) {
            CsvSeries.usage(ctx, m.ref().meter().value(), step.label(), rollups(m, step, from, to, ctx),
                    Params.zone(ctx, "tz", zone(m)));
            return;
        }
        List<Map<String, Object>> points = rollups(m, step, from, to, ctx).stream()
                .map(r -> Map.<String, Object>of("ts", r.bucketStartMs(), "energyWh", Json.wattHours(r.energyNanowattHours())))
                .toList();
        ctx.json(series(m, step, points));
    }

    private List<Rollup> rollups(MeterRecord m, Step step, long from, long to, Context ctx) {
        if (!step.calendar()) {
            if (step == Step.ONE_HOUR && ctx.queryParam("tz") != null) {
                return new CalendarRollups(store).buckets(m.ref(), step, from, to, Params.zone(ctx, "tz", zone(m)));
            }
            return store.rollups(m.ref(), RollupLevel.of(step), from, to);
        }
        return new CalendarRollups(store).buckets(m.ref(), step, from, to, Params.zone(ctx, "tz", zone(m)));
    }

    private static java.time.ZoneId zone(MeterRecord m) {
        return MeterSettings.fromMap(m.settings()).zone();
    }

    /** 400 unless {@code from} is before {@code to}. */
    static void checkRange(long from, long to) {
        if (to <= from) {
            throw new InvalidInputException("to", "'to' must be after 'from'");
        }
    }

    /** The body of /power and /usage; {@code points} is a list or {@link RawPoints}. */
    private static Map<String, Object> series(MeterRecord m, Step step, Object points) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", m.ref().meter().value());
        body.put("step", step.label());
        body.put("points", points);
        return body;
    }

    Map<String, Object> view(MeterRecord m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("meterId", m.ref().meter().value());
        v.put("tenant", m.ref().tenant().value());
        v.put("createdAt", m.createdMs());
        Reading last = store.latest(m.ref());
        v.put("lastReading", last == null ? null : Json.reading(last));
        MeterSettings settings = MeterSettings.fromMap(m.settings());
        Map<String, Object> typed = new LinkedHashMap<>(settings.toMap());
        typed.put("meterReadingDay", settings.meterReadingDay());
        if (settings.budgetWon() != null) {
            typed.put("budgetWon", settings.budgetWon());
        }
        v.put("settings", typed);
        v.put("quality", pipeline.quality(m.ref()).view());
        return v;
    }
}
