package io.gridpulse.server.metrics;

import io.gridpulse.server.alerts.AlertWebhooks;
import io.gridpulse.server.alerts.SilenceWatcher;
import io.gridpulse.server.backup.Backups;
import io.gridpulse.server.insight.LiveInsights;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.server.live.LiveStreams;
import io.gridpulse.server.pipeline.IngestPipeline;
import io.gridpulse.store.ReadingStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.http.Context;

/**
 * Prometheus metrics at {@code /metrics}: fleet-wide ingest totals (per-meter figures are in the
 * meter API, to keep label cardinality bounded at 100k meters), live subscribers, JVM.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics(IngestPipeline pipeline, LiveHub live, LiveStreams streams, ReadingStore store, SilenceWatcher silence,
                   AlertWebhooks webhooks, LiveInsights insights, Backups backups) {
        FunctionCounter.builder("gridpulse.readings.accepted", pipeline, IngestPipeline::acceptedTotal)
                .description("Readings stored durably").register(registry);
        FunctionCounter.builder("gridpulse.readings.duplicates", pipeline, IngestPipeline::duplicatesTotal)
                .description("Readings ignored because (meter, ts) was already stored").register(registry);
        FunctionCounter.builder("gridpulse.batches.rejected", pipeline, IngestPipeline::rejectedBatchesTotal)
                .description("Batches refused as a whole (bad row, too large)").register(registry);
        Gauge.builder("gridpulse.live.subscribers", live, LiveHub::subscriberCount).register(registry);
        FunctionCounter.builder("gridpulse.live.dropped", streams, LiveStreams::droppedTotal)
                .description("Live streams dropped because their client fell too far behind").register(registry);
        Gauge.builder("gridpulse.meters", store, s -> s.meters().count()).register(registry);
        Gauge.builder("gridpulse.meters.silent", silence, SilenceWatcher::silentCount)
                .description("Meters that reported and then sent nothing for the silence limit").register(registry);
        for (AlertWebhooks.Outcome outcome : AlertWebhooks.Outcome.values()) {
            FunctionCounter.builder("gridpulse.alert.webhook.events", webhooks, w -> w.total(outcome))
                    .tag("outcome", outcome.label())
                    .description("Alert webhook events by outcome, all tenants").register(registry);
        }
        Gauge.builder("gridpulse.insight.meters", insights, LiveInsights::meterCount)
                .description("Meters whose insights follow their readings live").register(registry);
        FunctionCounter.builder("gridpulse.insight.meters.unplaced.batches", insights, LiveInsights::unplacedBatches)
                .description("Batches of meters beyond --insight-meters: their anomalies are not pushed").register(registry);
        FunctionCounter.builder("gridpulse.insight.history.events", insights, LiveInsights::historyEvents)
                .description("Anomalies found in data over an hour old (backfills, imports): kept, not pushed").register(registry);
        FunctionCounter.builder("gridpulse.backups.made", backups, Backups::madeTotal)
                .description("Backups made since the server started").register(registry);
        FunctionCounter.builder("gridpulse.backups.failed", backups, Backups::failedTotal)
                .description("Backups that could not be made (see the log)").register(registry);
        Gauge.builder("gridpulse.backup.last.made.seconds", backups, b -> b.lastMadeEpochMs() / 1000.0)
                .description("When this server last made a backup (Unix time; 0: not since it started)").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    public void close() {
        gc.close();
        registry.close();
    }
}
