package io.gridpulse.server;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gridpulse.core.AccessDeniedException;
import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.server.api.ApplianceRoutes;
import io.gridpulse.server.alerts.AlertLog;
import io.gridpulse.server.alerts.AlertWebhooks;
import io.gridpulse.server.alerts.SilenceWatcher;
import io.gridpulse.server.api.BillRoutes;
import io.gridpulse.server.api.ComparisonRoutes;
import io.gridpulse.server.api.FleetRoutes;
import io.gridpulse.server.api.InsightRoutes;
import io.gridpulse.server.api.BackupRoutes;
import io.gridpulse.server.api.KeyRoutes;
import io.gridpulse.ingest.device.DevicePayloadParser;
import io.gridpulse.ingest.lineprotocol.LineProtocolParser;
import io.gridpulse.server.api.DeviceReadingRoutes;
import io.gridpulse.server.api.DeviceTokenRoutes;
import io.gridpulse.server.api.LineProtocolRoutes;
import io.gridpulse.server.api.MeterRoutes;
import io.gridpulse.server.api.RetentionRoutes;
import io.gridpulse.server.api.WebhookRoutes;
import io.gridpulse.server.billing.BillWatcher;
import io.gridpulse.server.billing.ForecastProjector;
import io.gridpulse.server.billing.MeterBilling;
import io.gridpulse.tariff.BillingService;
import io.gridpulse.tariff.TariffCatalog;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.gridpulse.server.backup.Backups;
import io.gridpulse.server.auth.ApiKeys;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.http.Problems;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.server.insight.HomeComparison;
import io.gridpulse.server.insight.LiveInsights;
import io.gridpulse.server.metrics.Metrics;
import io.gridpulse.server.live.LiveStreams;
import io.gridpulse.server.nilm.NilmModels;
import io.gridpulse.server.pipeline.IngestAdmission;
import io.gridpulse.server.pipeline.IngestPipeline;
import io.gridpulse.store.ReadingStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP face of GridPulse: REST API under /api/v1, live SSE, and the dashboard at /. */
public final class GridPulseServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GridPulseServer.class);
    /** After a restart, meters that reported within this window are watched for silence again; older ones count as retired. */
    private static final long SILENCE_RESUME_WINDOW_MS = 7 * 86_400_000L;
    private final ServerConfig config;
    private final ReadingStore store;
    private final ApiKeys keys;
    private final LiveHub live;
    private final LiveStreams liveStreams;
    private final IngestPipeline pipeline;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private final long startedMs;
    private final MeterBilling billing;
    private final LiveInsights liveInsights;
    private final AlertLog alertLog;
    private final BillWatcher billWatcher;
    private final SilenceWatcher silenceWatcher;
    private final AlertWebhooks webhooks;
    private final NilmModels nilmModels;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bill-watcher");
        t.setDaemon(true);
        return t;
    });
    // Apart from the other background work: a backup copied to another disk may take minutes.
    private final ScheduledExecutorService backupScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backups");
        t.setDaemon(true);
        return t;
    });
    private final Backups backups;
    private Javalin app;
    private Metrics metrics;

    public GridPulseServer(ServerConfig config, ReadingStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.keys = new ApiKeys(store.metadata());
        this.live = new LiveHub();
        this.liveStreams = new LiveStreams(live, json);
        this.pipeline = new IngestPipeline(store, live, clock, new IngestAdmission(config.maxInFlightReadings()));
        this.startedMs = clock.millis();
        this.billing = new MeterBilling(store, new BillingService(TariffCatalog.loadDefault(), clock, new ForecastProjector()));
        this.alertLog = new AlertLog(store.metadata(), live);
        this.webhooks = new AlertWebhooks(store.metadata(), clock);
        live.onEveryEvent(webhooks::raised);
        this.billWatcher = new BillWatcher(store, billing, alertLog, clock);
        this.silenceWatcher = new SilenceWatcher(alertLog, clock, config.silentAfterMs());
        this.nilmModels = new NilmModels(store.config().dataDir().resolve("nilm"));
        this.liveInsights = new LiveInsights(store, live, nilmModels, clock, config.insightMeters());
        this.backups = new Backups(store, config.backups(), clock);
        pipeline.onStored(storedByMeter -> {
            storedByMeter.keySet().forEach(meter -> {
                billWatcher.touched(meter);
                silenceWatcher.arrived(meter);
            });
            liveInsights.stored(storedByMeter);
        });
    }

    /** Online anomaly / standby / forecast / NILM state per meter, fed by the pipeline. */
    public LiveInsights liveInsights() {
        return liveInsights;
    }

    /** Per-meter and server-wide appliance-disaggregation models. */
    public NilmModels nilmModels() {
        return nilmModels;
    }

    public AlertLog alerts() {
        return alertLog;
    }

    public AlertWebhooks webhooks() {
        return webhooks;
    }

    public SilenceWatcher silenceWatcher() {
        return silenceWatcher;
    }

    public BillWatcher billWatcher() {
        return billWatcher;
    }

    public ApiKeys apiKeys() {
        return keys;
    }

    public Backups backups() {
        return backups;
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    public LiveHub live() {
        return live;
    }

    public GridPulseServer start() {
        MeterRoutes meters = new MeterRoutes(store, pipeline, new BatchParser(clock, config.limits()), clock,
                config.maxBodyBytes(), json, billing.service().catalog().ids());
        metrics = new Metrics(pipeline, live, liveStreams, store, silenceWatcher, webhooks, liveInsights, backups);
        BillRoutes bills = new BillRoutes(meters, billing, alertLog, clock);
        InsightRoutes insights = new InsightRoutes(store, meters, clock, billing, liveInsights);
        LineProtocolRoutes influx = new LineProtocolRoutes(keys, pipeline,
                new LineProtocolParser(clock, config.limits(), config.lineProtocol()), config.maxBodyBytes());
        DeviceReadingRoutes devices = new DeviceReadingRoutes(pipeline,
                new DevicePayloadParser(clock, config.limits()), meters::postReadings);
        ApplianceRoutes appliances = new ApplianceRoutes(store, meters, nilmModels, billing, clock, liveInsights);
        RetentionRoutes retention = new RetentionRoutes(store.retention());
        DeviceTokenRoutes deviceTokens = new DeviceTokenRoutes(keys, store);
        FleetRoutes fleet = new FleetRoutes(store, clock, silenceWatcher, config.silentAfterMs());
        WebhookRoutes webhookRoutes = new WebhookRoutes(webhooks);
        KeyRoutes keyRoutes = new KeyRoutes(keys, store, clock);
        ComparisonRoutes comparison = new ComparisonRoutes(meters, new HomeComparison(store, clock));
        BackupRoutes backupRoutes = new BackupRoutes(backups);
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = true;
            c.http.maxRequestSize = config.maxBodyBytes();
            // gzip level 4, not Javalin's 6: a meter's day at 1 s (5.2 MB of JSON) comes out 2.5 % larger
            // in 0.56x the time (zlib on a day of that shape: 854 vs 833 KB, 30 vs 53 ms)
            c.http.gzipOnlyCompression(4);
            c.jsonMapper(new JavalinJackson(json, false));
            c.staticFiles.add("/public", Location.CLASSPATH);
            c.staticFiles.enableWebjars();
            c.router.apiBuilder(() -> {
                post("/write", influx::write);
                post("/api/v2/write", influx::write);
                get("/ping", influx::ping);
            });
            c.router.apiBuilder(() -> path("/api/v1", () -> {
                get("/health", this::health);
                get("/meters", meters::list);
                get("/usage", fleet::usage);
                get("/fleet/status", fleet::status);
                get("/alert-webhook", webhookRoutes::get);
                put("/alert-webhook", webhookRoutes::put);
                delete("/alert-webhook", webhookRoutes::delete);
                get("/tariffs", bills::tariffs);
                get("/key", keyRoutes::caller);
                get("/keys", keyRoutes::list);
                post("/keys", keyRoutes::create);
                delete("/keys/{id}", keyRoutes::revoke);
                get("/backups", backupRoutes::list);
                post("/backups", backupRoutes::create);
                get("/retention", retention::get);
                put("/retention", retention::put);
                path("/meters/{meterId}", () -> {
                    get(meters::get);
                    put(meters::updateSettings);
                    post("/readings", devices::postReadings);
                    post("/device-token", deviceTokens::issue);
                    delete("/device-token", deviceTokens::revoke);
                    get("/power", meters::power);
                    get("/usage", meters::usage);
                    get("/bill", bills::current);
                    get("/bills", bills::past);
                    get("/alerts", bills::alerts);
                    get("/standby", insights::standby);
                    get("/anomalies", insights::anomalies);
                    get("/forecast", insights::forecast);
                    get("/appliances", appliances::appliances);
                    get("/comparison", comparison::comparison);
                    get("/live", ctx -> liveStreams.serve(ctx, meters.meter(ctx, Scope.READ).ref()));
                });
            }));
        });
        app.get("/metrics", metrics::scrape);
        app.get("/openapi", ctx -> ctx.contentType("application/json").result(
                GridPulseServer.class.getResourceAsStream("/openapi.json")));
        app.before("/api/v1/*", this::authenticate);
        app.exception(GridPulseException.class, Problems::respond);
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) {
                Problems.respond(new PayloadTooLargeException("body exceeds " + config.maxBodyBytes() + " bytes"), ctx);
            } else {
                ctx.status(e.getStatus()).json(Map.of("status", e.getStatus(), "detail", e.getMessage()));
            }
        });
        app.exception(Exception.class, Problems::respondUnexpected);
        app.start(config.host(), config.port());
        background.scheduleWithFixedDelay(() -> billWatcher.check(BillWatcher.MAX_PER_SECOND), 60, 1, TimeUnit.SECONDS);
        background.execute(() -> silenceWatcher.resume(store, SILENCE_RESUME_WINDOW_MS));
        background.scheduleWithFixedDelay(silenceWatcher::check, 15, 15, TimeUnit.SECONDS);
        background.scheduleWithFixedDelay(this::enforceRetention, 5, 60, TimeUnit.MINUTES);
        long backupEveryMs = config.backups().everyMs();
        if (backupEveryMs > 0) {
            backupScheduler.scheduleWithFixedDelay(this::backUp, backupEveryMs, backupEveryMs, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    private void authenticate(Context ctx) {
        if (ctx.path().equals("/api/v1/health")) {
            return;
        }
        String key = bearer(ctx);
        if (key == null) {
            throw new AccessDeniedException("missing API key: send 'Authorization: Bearer <key>'", true);
        }
        Principal principal = keys.authenticate(key);
        if (principal.boundToMeter() && !meterKeyMayCall(ctx, principal)) {
            throw new AccessDeniedException("this key may only post and read its own meter's readings ("
                    + principal.onlyMeter() + ")", false);
        }
        ctx.attribute("principal", principal);
    }

    /**
     * All a key bound to one meter (a device token, a household's key) may do: GET its meter (and
     * below it), the meter list (which then holds only its meter), the tariffs and what the key is, and POST its
     * readings (with write scope).
     */
    private static boolean meterKeyMayCall(Context ctx, Principal meterKey) {
        String own = "/api/v1/meters/" + meterKey.onlyMeter().value();
        String path = ctx.path();
        return switch (ctx.method().name()) {
            case "GET" -> path.equals(own) || path.startsWith(own + "/") || path.equals("/api/v1/meters")
                    || path.equals("/api/v1/tariffs") || path.equals("/api/v1/key");
            case "POST" -> path.equals(own + "/readings");
            default -> false;
        };
    }

    /** Key from {@code Authorization: Bearer|Token <key>}, or {@code access_token} for EventSource. */
    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            int space = header.indexOf(' ');
            String scheme = space > 0 ? header.substring(0, space) : "";
            if (scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("Token")) {
                return header.substring(space + 1).trim();
            }
            return null;
        }
        return ctx.queryParam("access_token");
    }

    /** A scheduled backup ({@code serve --backup-every}); a failure is logged and the next one tried. */
    private void backUp() {
        try {
            backups.create();
        } catch (RuntimeException e) {
            LOG.error("scheduled backup to {} failed; will try again at the next one", backups.folder(), e);
        }
    }

    /** Deletes what tenants' retention settings let go (hourly; a no-op for tenants keeping all). */
    private void enforceRetention() {
        try {
            int meters = store.retention().enforce();
            if (meters > 0) {
                LOG.info("retention applied to {} meters", meters);
            }
        } catch (RuntimeException e) {
            LOG.error("retention pass failed; will retry in an hour", e); // never kill the scheduler
        }
    }

    /**
     * Liveness and what the store can do: "ok"; "degraded" while writes are refused after a failed
     * one (a full disk; the next write retries, reads go on); 503 "unavailable" when the store could
     * not be reopened. With free disk space and the last backup, what an operator's monitor watches.
     */
    private void health(Context ctx) {
        ReadingStore.Health storeHealth = store.health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", switch (storeHealth) {
            case OK -> "ok";
            case WRITES_REFUSED -> "degraded";
            case UNAVAILABLE -> "unavailable";
        });
        body.put("uptimeS", (clock.millis() - startedMs) / 1000);
        body.put("readingsAccepted", pipeline.acceptedTotal());
        body.put("liveSubscribers", live.subscriberCount());
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("writes", storeHealth == ReadingStore.Health.OK ? "accepted" : "refused");
        storage.put("freeBytes", store.usableBytes());
        body.put("store", storage);
        long lastBackup = backups.lastMadeEpochMs();
        body.put("lastBackup", lastBackup == 0 ? null : java.time.Instant.ofEpochMilli(lastBackup).toString());
        ctx.status(storeHealth == ReadingStore.Health.UNAVAILABLE ? 503 : 200).json(body);
    }

    @Override
    public void close() {
        background.shutdownNow();
        backupScheduler.shutdownNow();
        webhooks.close();
        liveInsights.close();
        liveStreams.close(); // before the server stops, so it does not wait on open streams
        if (metrics != null) {
            metrics.close();
        }
        if (app != null) {
            app.stop();
        }
    }
}
