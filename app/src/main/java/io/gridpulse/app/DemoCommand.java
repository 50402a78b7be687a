package io.gridpulse.app;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.sim.HouseholdSimulator;
import io.gridpulse.ingest.sim.SignatureLibrary;
import io.gridpulse.server.meter.MeterSettings;
import io.gridpulse.server.pipeline.IngestPipeline;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gridpulse demo}: the server plus N simulated Korean households reporting every second.
 * On first start it backfills history so charts and bills are meaningful at once; on later
 * starts it fills only the time the demo was stopped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the server with simulated homes reporting every second (backfills 40 days on first start).")
final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final int[] METER_READING_DAYS = {1, 8, 15, 22, 0};
    private static final int BACKFILL_BATCH = 6 * 3600;
    private static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

    @Mixin
    NodeOptions node;

    @Option(names = "--homes", defaultValue = "5", description = "Simulated households (default: ${DEFAULT-VALUE}).")
    int homes;

    @Option(names = "--history-days", defaultValue = "40", description = "Days of history to backfill (default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--stop-after", hidden = true, description = "Stop after this many seconds of live reporting (tests).")
    long stopAfterSeconds = -1;

    @Override
    public Integer call() throws Exception {
        if (homes < 1 || homes > 10_000 || historyDays < 0) {
            throw new ParameterException(new CommandLine(this), "--homes must be 1-10000, --history-days >= 0");
        }
        Clock clock = Clock.systemUTC();
        try (GridPulseRuntime runtime = new GridPulseRuntime(node, clock)) {
            SignatureLibrary signatures = SignatureLibrary.load();
            List<SimulatedHome> simulated = createHomes(runtime, clock, signatures);
            var appliances = new DemoApplianceTraining(runtime.server.nilmModels(), signatures, ZONE, clock, System.err, System.out);
            Banner.print(runtime, homes, appliances.missing(simulated).size());
            backfill(runtime.server.pipeline(), simulated, clock);
            if (historyDays > DemoApplianceTraining.TRAIN_DAYS) {
                appliances.startInBackground(simulated);
            }
            BiConsumer<MeterRef, List<Reading>> report = liveReporting(runtime);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(() -> tick(report, simulated, clock), 0, 1, TimeUnit.SECONDS);
            if (stopAfterSeconds < 0) {
                new CountDownLatch(1).await();
            }
            Thread.sleep(stopAfterSeconds * 1000);
            ticker.shutdown();
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        }
        return 0;
    }

    /** Live readings go over MQTT like a real meter's when the broker runs, else in-process. */
    private static BiConsumer<MeterRef, List<Reading>> liveReporting(GridPulseRuntime runtime) {
        IngestPipeline pipeline = runtime.server.pipeline();
        if (runtime.mqtt == null || runtime.mqtt.port() == 0) { // no broker, or TLS only
            return pipeline::ingest;
        }
        String url = "tcp://localhost:" + runtime.mqtt.port();
        System.err.println("Simulated homes report over MQTT (QoS 1) to " + url);
        return new MqttHomePublisher(url, runtime.adminKey, pipeline)::publish;
    }

    private List<SimulatedHome> createHomes(GridPulseRuntime runtime, Clock clock, SignatureLibrary signatures) {
        System.err.println("Simulated appliances: " + signatures.source());
        long now = clock.millis() / 1000 * 1000;
        long historyStart = now - historyDays * 86_400_000L;
        List<SimulatedHome> out = new ArrayList<>();
        for (int i = 1; i <= homes; i++) {
            MeterRef ref = new MeterRef(TenantId.DEFAULT, new MeterId("home-" + i));
            boolean isNew = runtime.store.meters().find(ref).isEmpty();
            runtime.store.meters().ensure(ref);
            HouseholdSimulator household = new HouseholdSimulator(i, ZONE, signatures);
            if (isNew) {
                MeterSettings settings = new MeterSettings(MeterSettings.DEFAULT_TARIFF, METER_READING_DAYS[(i - 1) % 5],
                        MeterSettings.DEFAULT_ZONE, "Home " + i, null);
                runtime.store.meters().updateSettings(ref, settings.toMap());
            }
            Reading last = runtime.store.latest(ref);
            long start = last == null ? historyStart : Math.max(historyStart, last.timestampMs() + 1000);
            out.add(new SimulatedHome(ref, household, start, last));
            System.err.println("  home-" + i + ": " + household.describe());
        }
        return out;
    }

    private void backfill(IngestPipeline pipeline, List<SimulatedHome> simulated, Clock clock) {
        long now = clock.millis();
        long total = simulated.stream().mapToLong(h -> Math.max(0, (now - h.nextMs()) / 1000)).sum();
        if (total < 3600) {
            return;
        }
        ProgressBar bar = new ProgressBar(System.err, "Backfilling history", total, "readings");
        for (SimulatedHome home : simulated) {
            List<Reading> batch;
            while (!(batch = home.readingsUntil(now, BACKFILL_BATCH)).isEmpty()) {
                pipeline.ingest(home.meter, batch);
                bar.advance(batch.size());
            }
        }
        bar.finish();
    }

    private static void tick(BiConsumer<MeterRef, List<Reading>> report, List<SimulatedHome> simulated, Clock clock) {
        long now = clock.millis() + 1;
        for (SimulatedHome home : simulated) {
            try {
                List<Reading> due = home.readingsUntil(now, 3600);
                if (!due.isEmpty()) {
                    report.accept(home.meter, due);
                }
            } catch (RuntimeException e) {
                LOG.error("simulated {} failed to report", home.meter, e);
            }
        }
    }
}
