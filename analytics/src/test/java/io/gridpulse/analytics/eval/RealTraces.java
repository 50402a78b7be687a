package io.gridpulse.analytics.eval;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.analytics.series.MinuteSeries;
import io.gridpulse.core.Reading;
import io.gridpulse.core.SharedData;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Minute series of the real traces in ../shared/data (empty when the folder is absent). */
final class RealTraces {
    static final ZoneId GJW_ZONE = ZoneId.of("Europe/London");
    static final ZoneId REDD_ZONE = ZoneId.of("America/New_York");
    /** REDD samples every 3-4 s: a circuit silent for 5 min is missing, not steady. */
    static final long REDD_HOLD_MS = 5 * 60_000L;

    record Trace(String name, ZoneId zone, List<MinuteAverage> minutes) {}

    private RealTraces() {}

    /** GJW whole-house power (change-only, held up to 6 h). */
    static Optional<Trace> gjw(String date) {
        return SharedData.resolve("gjw-uk-home/active-power-" + date + ".csv").map(file -> new Trace("gjw-" + date, GJW_ZONE,
                MinuteSeries.fromReadings(sorted(new DatasetReader(DatasetFormat.GJW).readAll(file)), MinuteSeries.DEFAULT_HOLD_LIMIT_MS)));
    }

    /** REDD house 5: sum of the 1-minute means of all circuit channels; a minute counts when every channel has it. */
    static Optional<Trace> reddHouse5() {
        return SharedData.resolve("redd-house5").map(dir -> new Trace("redd-house5", REDD_ZONE, MinuteSeries.sum(channels(dir))));
    }

    private static List<List<MinuteAverage>> channels(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("channel_")).sorted()
                    .map(p -> MinuteSeries.fromReadings(sorted(new DatasetReader(DatasetFormat.REDD).readAll(p)), REDD_HOLD_MS))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Readings in time order (REDD has small backward clock steps); duplicates are dropped by the averager. */
    private static List<Reading> sorted(List<Reading> readings) {
        List<Reading> copy = new ArrayList<>(readings);
        copy.sort((a, b) -> Long.compare(a.timestampMs(), b.timestampMs()));
        return copy;
    }
}
