package io.gridpulse.analytics.nilm;

import io.gridpulse.core.SharedData;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helper: loads a REDD low_freq house folder (labels.dat + channel_N.dat) from shared data. */
final class ReddHouse {
    private ReddHouse() {}

    static Optional<Path> house5() {
        return SharedData.resolve("redd-house5");
    }

    static ApplianceDataset load(Path dir) {
        try {
            List<ChannelAligner.Channel> circuits = new ArrayList<>();
            DatasetReader reader = new DatasetReader(DatasetFormat.REDD);
            for (String line : Files.readAllLines(dir.resolve("labels.dat"))) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length < 2 || parts[1].equals("mains")) {
                    continue;
                }
                Path file = dir.resolve("channel_" + parts[0] + ".dat");
                if (Files.exists(file)) {
                    circuits.add(new ChannelAligner.Channel(parts[1], reader.readAll(file)));
                }
            }
            return new ChannelAligner().align(circuits, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
