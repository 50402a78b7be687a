package io.gridpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.Reading;
import io.gridpulse.core.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BatchJsonTest {
    /** The first 2,000 rows of a real REDD circuit (seconds, watts with two decimals), with a made-up register. */
    private static List<Reading> reddRows() throws IOException {
        Path file = SharedData.resolve("redd-house5/channel_3.dat").orElse(null);
        assumeTrue(file != null, "../shared/data not present");
        List<Reading> out = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : lines.limit(2_000).toList()) {
                String[] f = line.trim().split("\\s+");
                long milliwatts = new BigDecimal(f[1]).movePointRight(3).longValueExact();
                long register = out.size() % 3 == 0 ? Reading.NO_ENERGY : 5_000_000L + out.size() * 7L;
                out.add(new Reading(Long.parseLong(f[0]) * 1000, milliwatts, register));
            }
        }
        return out;
    }

    @Test
    void whatItWritesTheParserReadsBackExactly() throws IOException {
        List<Reading> readings = new ArrayList<>(reddRows());
        readings.add(new Reading(readings.get(readings.size() - 1).timestampMs() + 1000, -1_234_567, 1)); // export, 0.001 Wh
        Clock later = Clock.fixed(Instant.ofEpochMilli(readings.get(readings.size() - 1).timestampMs()), ZoneOffset.UTC);

        List<Reading> parsed = new BatchParser(later, IngestLimits.DEFAULTS).parseJson(BatchJson.of(readings).getBytes());

        assertThat(parsed).isEqualTo(readings);
    }
}
