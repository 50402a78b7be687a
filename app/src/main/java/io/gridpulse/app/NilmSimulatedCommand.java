package io.gridpulse.app;

import io.gridpulse.ingest.sim.SignatureLibrary;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridpulse nilm simulated}: what the demo does for its homes, in the foreground — train each
 * simulated home on its own sub-meters and score it on a held-out day — printing the training time
 * and the per-appliance accuracy (the figures in docs/analytics-nilm.md, "Simulated homes").
 */
@Command(name = "simulated", mixinStandardHelpOptions = true,
        description = "Train and score appliance models of simulated demo homes (held-out test day).")
final class NilmSimulatedCommand implements Callable<Integer> {
    @Option(names = "--homes", defaultValue = "5", description = "homes home-1 .. home-N (default ${DEFAULT-VALUE})")
    int homes;

    @Option(names = "--train-days", defaultValue = "7", description = "training days before the test day (default ${DEFAULT-VALUE})")
    int trainDays;

    @Option(names = "--test-day", description = "held-out day (yyyy-mm-dd, Asia/Seoul); default yesterday")
    LocalDate testDay;

    @Override
    public Integer call() {
        ZoneId zone = ZoneId.of("Asia/Seoul");
        LocalDate day = testDay != null ? testDay : LocalDate.now(Clock.system(zone)).minusDays(1);
        SignatureLibrary signatures = SignatureLibrary.load();
        PrintStream out = System.out;
        long totalMs = 0;
        for (int i = 1; i <= homes; i++) {
            var r = SimulatedNilm.trainAndEvaluate(i, zone, signatures, day, trainDays, "home-" + i, System.err);
            totalMs += r.trainingMs();
            out.printf(Locale.ROOT, "home-%d: trained in %.1f s on %d days; held-out %s:%n%s", i, r.trainingMs() / 1000.0,
                    trainDays, day, r.evaluation().toTable());
        }
        out.printf(Locale.ROOT, "total training time %.1f s for %d homes%n", totalMs / 1000.0, homes);
        return 0;
    }
}
