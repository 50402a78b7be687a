package io.gridpulse.app.load;

import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** Runs a {@link LoadPlan}: start a node if needed, send, drain, read back, report. */
public final class LoadRun {
    private static final long DRAIN_TIMEOUT_MS = 60_000;
    private static final long READBACK_MARGIN_MS = 7_200_000;
    private static final int READBACK_PARALLELISM = 16;
    private static final long QUIET_TIMEOUT_MS = 120_000;

    private final LoadPlan plan;
    private final PrintStream progressOut;

    public LoadRun(LoadPlan plan, PrintStream progressOut) {
        this.plan = plan;
        this.progressOut = progressOut;
    }

    public LoadReport execute() throws Exception {
        if (plan.targetUrl() != null) {
            String mqtt = plan.mqttUrl() != null ? plan.mqttUrl() : "tcp://" + URI.create(plan.targetUrl()).getHost() + ":1883";
            return against(plan.targetUrl(), mqtt, plan.apiKey(), "external");
        }
        try (EmbeddedNode node = new EmbeddedNode()) {
            return against(node.httpUrl(), node.mqttUrl(), node.apiKey, "embedded in-process");
        }
    }

    private LoadReport against(String httpUrl, String mqttUrl, String key, String nodeLabel) throws Exception {
        LoadStats stats = new LoadStats(plan.meters());
        long warmUpEpochS = System.currentTimeMillis() / 1000 - 1;
        MeterNames names = MeterNames.forRun(warmUpEpochS);
        AtomicLong maxBehindMs = new AtomicLong();
        double elapsedS;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long startEpochS;
        long warmUpAcked;
        try (FleetSender sender = sender(httpUrl, mqttUrl, key, names, stats)) {
            FleetDriver driver = new FleetDriver(sender, stats);
            progressOut.printf("warm-up: registering %,d meters (one reading each, not timed)…%n", plan.meters());
            driver.warmUp(warmUpEpochS, DRAIN_TIMEOUT_MS);
            new ServerQuiet(httpUrl, key).await(QUIET_TIMEOUT_MS);
            stats.resetLatencies();
            warmUpAcked = stats.acknowledged();
            startEpochS = System.currentTimeMillis() / 1000 + 1;
            long sendingStartMs = startEpochS * 1000;
            ticker.scheduleAtFixedRate(() -> {
                maxBehindMs.accumulateAndGet(stats.behindScheduleMs(), Math::max);
                progress(stats, sendingStartMs, warmUpAcked);
            }, 1, 1, TimeUnit.SECONDS);
            driver.run(startEpochS, plan.durationS());
            sender.drain(DRAIN_TIMEOUT_MS);
            elapsedS = Math.max(plan.durationS(), (stats.lastAckMs() - sendingStartMs) / 1000.0);
        } finally {
            ticker.shutdownNow();
        }
        progressOut.println();
        new ServerQuiet(httpUrl, key).await(QUIET_TIMEOUT_MS);
        progressOut.printf("reading back %,d meters…%n", plan.meters());
        StoredReadback.Result stored = new StoredReadback(httpUrl, key, READBACK_PARALLELISM).check(names, stats, plan.meters(),
                warmUpEpochS * 1000 - READBACK_MARGIN_MS, (startEpochS + plan.durationS()) * 1000 + READBACK_MARGIN_MS, m -> {});
        Histogram h = stats.latencySnapshotUs();
        return new LoadReport(plan.via().name(), nodeLabel, plan.meters(), plan.durationS(), elapsedS, warmUpAcked, stats.sent(),
                stats.acknowledged(), stored.stored(), stored.lost(), stats.failed(), stats.retried(), stored.unreadableMeters(),
                LoadReport.ms(h, 50), LoadReport.ms(h, 90), LoadReport.ms(h, 99), h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0,
                Math.max(maxBehindMs.get(), stats.behindScheduleMs()));
    }

    private FleetSender sender(String httpUrl, String mqttUrl, String key, MeterNames names, LoadStats stats) throws Exception {
        return switch (plan.via()) {
            case mqtt -> new MqttFleetSender(mqttUrl, key, "default", plan.connections(), plan.inflightPerConnection(),
                    plan.meters(), names, stats);
            case http -> new HttpFleetSender(httpUrl, key, plan.connections(), plan.metersPerRequest(), plan.meters(), names, stats);
        };
    }

    private void progress(LoadStats stats, long sendingStartMs, long warmUpAcked) {
        double t = Math.max(0.001, (System.currentTimeMillis() - sendingStartMs) / 1000.0);
        Histogram h = stats.latencySnapshotUs();
        progressOut.printf("\rload %s  t=%.0f/%d s  sent %,d  acked %,d  (%,.0f/s)  p99 %.1f ms  behind %,d ms   ",
                plan.via(), t, plan.durationS(), stats.sent(), stats.acknowledged(), (stats.acknowledged() - warmUpAcked) / t,
                LoadReport.ms(h, 99), stats.behindScheduleMs());
        progressOut.flush();
    }
}
