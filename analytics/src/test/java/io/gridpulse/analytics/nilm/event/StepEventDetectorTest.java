package io.gridpulse.analytics.nilm.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.analytics.nilm.NearestResampler;
import io.gridpulse.core.Reading;
import io.gridpulse.core.SharedData;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StepEventDetectorTest {
    @Test
    void startupSurgeIsATransientNotAnEvent() {
        double[] p = {5, 5, 5, 600, 130, 130, 131, 129, 130, 5, 5, 5};
        List<PowerStep> steps = StepEventDetector.DEFAULT.detect(p);
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).deltaW()).isBetween(120.0, 130.0);
        assertThat(steps.get(0).index()).isEqualTo(4);
        assertThat(steps.get(1).deltaW()).isBetween(-130.0, -120.0);
    }

    @Test
    void slowDriftBelowTheMinimumStepIsNoEvent() {
        double[] p = new double[200];
        for (int i = 0; i < p.length; i++) {
            p[i] = 100 + i * 0.2; // +40 W over 200 samples, never a step
        }
        assertThat(StepEventDetector.DEFAULT.detect(p)).isEmpty();
    }

    @Test
    void fridgeTraceFromTracebaseSwitchesOnAndOffAtItsCompressorPower() {
        double[] fridge = trace("Refrigerator");
        List<PowerStep> steps = StepEventDetector.DEFAULT.detect(fridge);
        List<PowerStep> ups = steps.stream().filter(PowerStep::isUp).toList();
        List<PowerStep> downs = steps.stream().filter(s -> !s.isUp()).toList();
        assertThat(ups).hasSizeGreaterThan(10);
        assertThat(Math.abs(ups.size() - downs.size())).isLessThanOrEqualTo(ups.size() / 5 + 1);
        var signatures = SignatureClusterer.DEFAULT.cluster(steps);
        var strongest = signatures.stream().max((a, b) -> Integer.compare(a.members(), b.members())).orElseThrow();
        assertThat(strongest.medianW()).as("compressor step (the trace sits at ~130 W when on)")
                .isBetween(100.0, 160.0);
    }

    @Test
    void kettleTraceFromTracebaseHasBoilingStepsOfKilowatts() {
        double[] kettle = trace("WaterKettle");
        List<PowerStep> ups = StepEventDetector.DEFAULT.detect(kettle).stream().filter(PowerStep::isUp).toList();
        assertThat(ups).isNotEmpty();
        assertThat(ups.stream().mapToDouble(PowerStep::deltaW).max().orElseThrow()).isGreaterThan(1000);
    }

    /** The single trace of a tracebase type on a 3 s grid; skips when shared data is absent. */
    private static double[] trace(String type) {
        Path dir = SharedData.resolve("tracebase/" + type).orElse(null);
        assumeTrue(dir != null, "../shared/data/tracebase absent: skipping tracebase event test");
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(f -> f.toString().endsWith(".csv")).sorted().findFirst().orElseThrow();
            List<Reading> readings = new ArrayList<>(new DatasetReader(DatasetFormat.TRACEBASE).readAll(file));
            readings.sort(java.util.Comparator.comparingLong(Reading::timestampMs));
            List<Double> out = new ArrayList<>();
            NearestResampler resampler = new NearestResampler(3000, 6000);
            readings.forEach(r -> resampler.accept(r.timestampMs(), r.powerMilliwatts() / 1000.0, (t, w) -> out.add(w)));
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
