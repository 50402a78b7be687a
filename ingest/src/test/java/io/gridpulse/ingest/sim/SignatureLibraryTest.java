package io.gridpulse.ingest.sim;

import static io.gridpulse.ingest.sim.SimTestSupport.SEOUL;
import static io.gridpulse.ingest.sim.SimTestSupport.kilowattHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.SharedData;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SignatureLibraryTest {
    @Test
    void parametricLibraryNeedsNoDataAndHasEveryShape() {
        SignatureLibrary library = SignatureLibrary.parametric();
        assertThat(library.source()).isEqualTo("parametric");
        for (SignatureKind kind : SignatureKind.values()) {
            assertThat(library.signature(kind).lengthSeconds()).isPositive();
        }
    }

    @Test
    void missingTracebaseFolderFallsBackToBuiltInShapes() {
        SignatureLibrary library = SignatureLibrary.load(Path.of("/nonexistent/tracebase"));
        assertThat(library.source()).doesNotStartWith("tracebase (ODbL)").contains("parametric");
        for (SignatureKind kind : SignatureKind.values()) {
            assertThat(library.signature(kind)).isNotNull();
        }
    }

    @Test
    void builtInShapesAreTheAttributedTracebaseSlices() {
        SignatureLibrary library = SignatureLibrary.builtIn();
        assertThat(library.source()).isEqualTo("tracebase slices (ODbL, bundled) + parametric");
        assertThat(library.signature(SignatureKind.FRIDGE_CYCLE).origin()).startsWith("tracebase Refrigerator/").endsWith("(bundled)");
        assertThat(SignatureLibrary.class.getResource("tracebase/ATTRIBUTION.md")).isNotNull();
    }

    @Test
    void simulatorWorksWithoutTracebase() {
        SignatureLibrary library = SignatureLibrary.load(Path.of("/nonexistent/tracebase"));
        double kwh = kilowattHours(SimTestSupport.day(4, LocalDate.of(2025, 6, 2), library));
        assertThat(kwh).isBetween(2.0, 40.0);
    }

    @Test
    void tracebaseFolderGivesMeasuredShapes() {
        Path tracebase = SharedData.resolve("tracebase").orElse(null);
        assumeTrue(tracebase != null, "../shared/data/tracebase absent: skipping the measured-shape check");
        SignatureLibrary library = SignatureLibrary.load(tracebase);

        assertThat(library.source()).isEqualTo("tracebase (ODbL) + parametric");
        Signature fridge = library.signature(SignatureKind.FRIDGE_CYCLE);
        assertThat(fridge.origin()).startsWith("tracebase Refrigerator/");
        assertThat(fridge.lengthSeconds()).isBetween(300, 1800);
        assertThat(fridge.meanWatts()).isBetween(60.0, 300.0);
        Signature washer = library.signature(SignatureKind.WASHER_RUN);
        assertThat(washer.lengthSeconds()).isBetween(1800, 3 * 3600);
        assertThat(max(washer.watts())).isGreaterThan((short) 1500); // water heating
    }

    private static short max(short[] watts) {
        short max = 0;
        for (short w : watts) {
            max = (short) Math.max(max, w);
        }
        return max;
    }

    @Test
    void measuredAndParametricHomesUseSimilarEnergy() {
        Path tracebase = SharedData.resolve("tracebase").orElse(null);
        assumeTrue(tracebase != null, "../shared/data/tracebase absent");
        SignatureLibrary measured = SignatureLibrary.load(tracebase);
        double measuredKwh = 0;
        double parametricKwh = 0;
        for (long seed = 1; seed <= 4; seed++) {
            for (int d = 0; d < 5; d++) {
                LocalDate date = LocalDate.of(2025, 4, 7).plusDays(d);
                measuredKwh += kilowattHours(SimTestSupport.day(seed, date, measured));
                parametricKwh += kilowattHours(SimTestSupport.day(seed, date, SignatureLibrary.parametric()));
            }
        }
        assertThat(measuredKwh / parametricKwh).isBetween(0.8, 1.25);
        assertThat(new HouseholdSimulator(1, SEOUL, measured).describe()).isEqualTo(new HouseholdSimulator(1, SEOUL, SignatureLibrary.parametric()).describe());
    }
}
