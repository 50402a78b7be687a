package io.gridpulse.app;

import io.gridpulse.analytics.nilm.NilmTrainer;
import io.gridpulse.ingest.sim.SignatureLibrary;
import io.gridpulse.server.nilm.SimulatedTraining;
import io.gridpulse.server.nilm.NilmModels;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every simulated demo home an appliance (NILM) model: on a low-priority background thread,
 * for each home whose model file is missing, trains on its own sub-metered simulator channels over
 * the {@value #TRAIN_DAYS} backfilled days before yesterday, scores it on yesterday (held out),
 * saves it where {@code /appliances} finds it, and says so. The API keeps serving meanwhile.
 */
final class DemoApplianceTraining {
    private static final Logger LOG = LoggerFactory.getLogger(DemoApplianceTraining.class);
    static final int TRAIN_DAYS = 7;

    private final NilmModels models;
    private final SignatureLibrary signatures;
    private final ZoneId zone;
    private final Clock clock;
    private final PrintStream log;
    private final PrintStream announce;
    private final NilmTrainer.Options options;

    /**
     * @param log progress and held-out scores (stderr in the demo)
     * @param announce the one line saying insights are ready (stdout in the demo)
     */
    DemoApplianceTraining(NilmModels models, SignatureLibrary signatures, ZoneId zone, Clock clock, PrintStream log,
                          PrintStream announce) {
        this(models, signatures, zone, clock, log, announce, SimulatedTraining.demoOptions());
    }

    /** @param options trainer settings (tests use smaller ones) */
    DemoApplianceTraining(NilmModels models, SignatureLibrary signatures, ZoneId zone, Clock clock, PrintStream log,
                          PrintStream announce, NilmTrainer.Options options) {
        this.options = options;
        this.models = models;
        this.signatures = signatures;
        this.zone = zone;
        this.clock = clock;
        this.log = log;
        this.announce = announce;
    }

    /** Homes still without a model. */
    List<SimulatedHome> missing(List<SimulatedHome> homes) {
        return homes.stream().filter(h -> !Files.isRegularFile(models.fileOf(h.meter))).toList();
    }

    /** Starts training the homes that lack a model; returns at once. */
    void startInBackground(List<SimulatedHome> homes) {
        List<SimulatedHome> todo = missing(homes);
        if (todo.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> trainAll(todo), "nilm-demo-training");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Trains {@code todo} one after the other on the calling thread (a failed home is logged and skipped). */
    void trainAll(List<SimulatedHome> todo) {
        long started = System.nanoTime();
        LocalDate testDay = LocalDate.now(clock.withZone(zone)).minusDays(1);
        for (SimulatedHome home : todo) {
            try {
                train(home, testDay);
            } catch (RuntimeException e) {
                LOG.error("appliance model for {} failed", home.meter, e);
            }
        }
        announce.printf(Locale.ROOT, "%n  Appliances: insights ready for %d home(s) after %.0f s of background training; "
                + "see the dashboard's appliance card or GET /api/v1/meters/home-1/appliances%n%n",
                todo.size(), (System.nanoTime() - started) / 1e9);
    }

    private void train(SimulatedHome home, LocalDate testDay) {
        String name = home.meter.meter().value();
        SimulatedNilm.Result r = SimulatedNilm.trainAndEvaluate(home.householdSeed(), zone, signatures, testDay, TRAIN_DAYS,
                options, name, log);
        models.save(home.meter, r.model());
        log.printf(Locale.ROOT, "%s: model trained in %.1f s (%s); held-out day %s:%n%s", name, r.trainingMs() / 1000.0,
                String.join(", ", r.model().applianceNames()), testDay, r.evaluation().toTable());
    }
}
