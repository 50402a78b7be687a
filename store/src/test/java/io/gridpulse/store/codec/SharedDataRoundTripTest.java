package io.gridpulse.store.codec;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.gridpulse.core.SharedData;
import io.gridpulse.store.codec.ChunkCodec.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file of ../shared/data round-trips exactly, per hour chunk, as logged and forward-filled
 * to 1 Hz, in each body layout the encoder can pick. Skipped where the shared data is absent.
 */
class SharedDataRoundTripTest {

    @Test
    void gjwFilesRoundTrip() {
        assertAllRoundTrip(files("gjw-uk-home", ".*-power-.*\\.csv"), RealSeries::gjw);
    }

    @Test
    void reddChannelsRoundTrip() {
        assertAllRoundTrip(files("redd-house5", "channel_\\d+\\.dat"), RealSeries::redd);
    }

    @Test
    void tracebaseFilesRoundTrip() {
        assertAllRoundTrip(files("tracebase", ".*\\.csv"), RealSeries::tracebase);
    }

    private static void assertAllRoundTrip(List<Path> files, Function<Path, RealSeries> reader) {
        for (Path file : files) {
            RealSeries logged = reader.apply(file);
            for (Mode mode : Mode.values()) {
                logged.assertRoundTripsPerHourChunk(mode, file + " as logged");
            }
            RealSeries filled = logged.filledToOneHertz();
            filled.assertRoundTripsPerHourChunk(Mode.PACKED, file + " filled");
            filled.assertRoundTripsPerHourChunk(Mode.AUTO, file + " filled");
        }
        System.out.println("SharedDataRoundTripTest: " + files.size() + " files round-trip in every layout");
    }

    private static List<Path> files(String folder, String namePattern) {
        Optional<Path> dir = SharedData.resolve(folder);
        assumeThat(dir).as("shared data " + folder + " not found (set GRIDPULSE_SHARED_DATA or place it at ../shared/data)").isPresent();
        try (Stream<Path> walk = Files.walk(dir.orElseThrow())) {
            List<Path> found = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(namePattern)).sorted().toList();
            assumeThat(found).as("no " + namePattern + " files in " + folder).isNotEmpty();
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
