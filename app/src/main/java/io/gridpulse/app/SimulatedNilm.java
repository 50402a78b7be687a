package io.gridpulse.app;

import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.NilmTrainer;
import io.gridpulse.ingest.sim.HouseholdSimulator;
import io.gridpulse.ingest.sim.SignatureLibrary;
import io.gridpulse.server.nilm.SimulatedEvaluation;
import io.gridpulse.server.nilm.SimulatedTraining;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Trains a simulated home's NILM model on {@code trainDays} local days of its own sub-meters
 * ending before {@code testDay}, and scores it on {@code testDay}, which training never saw.
 * Shared by {@code gridpulse demo} (background) and {@code gridpulse nilm simulated}.
 */
final class SimulatedNilm {
    /**
     * @param model the trained model
     * @param trainingMs wall-clock time of building the data and fitting (not of the evaluation)
     * @param evaluation scores on the held-out day
     */
    record Result(NilmModel model, long trainingMs, SimulatedEvaluation evaluation) {}

    private SimulatedNilm() {}

    static Result trainAndEvaluate(long seed, ZoneId zone, SignatureLibrary signatures, LocalDate testDay, int trainDays,
                                   String name, PrintStream log) {
        return trainAndEvaluate(seed, zone, signatures, testDay, trainDays, SimulatedTraining.demoOptions(), name, log);
    }

    static Result trainAndEvaluate(long seed, ZoneId zone, SignatureLibrary signatures, LocalDate testDay, int trainDays,
                                   NilmTrainer.Options options, String name, PrintStream log) {
        HouseholdSimulator home = new HouseholdSimulator(seed, zone, signatures);
        LocalDate first = testDay.minusDays(trainDays);
        log.printf("%s: training an appliance model on %d simulated sub-metered days (%s .. %s)%n", name, trainDays, first,
                testDay.minusDays(1));
        long started = System.nanoTime();
        NilmModel model = SimulatedTraining.train(home, startMs(first, zone), startMs(testDay, zone),
                options, line -> log.println(name + ": " + line.replaceFirst("^nilm: ", "")));
        long trainingMs = (System.nanoTime() - started) / 1_000_000;
        var test = SimulatedTraining.dataset(home, startMs(testDay, zone), startMs(testDay.plusDays(1), zone));
        return new Result(model, trainingMs, SimulatedEvaluation.of(model, test));
    }

    private static long startMs(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
