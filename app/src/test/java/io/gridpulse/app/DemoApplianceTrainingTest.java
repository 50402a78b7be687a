package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.NilmTrainer;
import io.gridpulse.analytics.nilm.tree.TreeParams;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.sim.HouseholdSimulator;
import io.gridpulse.ingest.sim.SignatureLibrary;
import io.gridpulse.server.nilm.NilmModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's background training, run on the test thread for one simulated home. */
class DemoApplianceTrainingTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final NilmTrainer.Options SMALL =
            new NilmTrainer.Options(1800, 300, new TreeParams(15, 4, 0.3, 20, 0.5, 32, false, 42), 0.03, 15_000);

    @TempDir
    Path dir;

    @Test
    void trainsSavesScoresAndAnnouncesAModelPerHomeWithoutOne() throws Exception {
        SignatureLibrary signatures = SignatureLibrary.parametric();
        NilmModels models = new NilmModels(dir.resolve("nilm"));
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T03:00:00Z"), ZoneOffset.UTC);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ByteArrayOutputStream announce = new ByteArrayOutputStream();
        var training = new DemoApplianceTraining(models, signatures, SEOUL, clock, new PrintStream(log, true, StandardCharsets.UTF_8),
                new PrintStream(announce, true, StandardCharsets.UTF_8), SMALL);
        MeterRef meter = new MeterRef(TenantId.DEFAULT, new MeterId("home-2"));
        SimulatedHome home = new SimulatedHome(meter, new HouseholdSimulator(2, SEOUL, signatures), 0, null);

        assertThat(training.missing(List.of(home))).hasSize(1);
        training.trainAll(List.of(home));

        assertThat(training.missing(List.of(home))).isEmpty();
        NilmModel model = NilmModel.read(models.fileOf(meter));
        assertThat(model.applianceNames()).contains("fridge", "standby");
        String progress = log.toString(StandardCharsets.UTF_8);
        assertThat(progress).contains("2026-03-02 .. 2026-03-08", "held-out day 2026-03-09", "energy-assigned accuracy");
        assertThat(announce.toString(StandardCharsets.UTF_8)).contains("insights ready for 1 home(s)");
        assertThat(Files.size(models.fileOf(meter))).isPositive();
    }
}
