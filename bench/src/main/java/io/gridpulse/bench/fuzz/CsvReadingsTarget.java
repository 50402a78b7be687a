package io.gridpulse.bench.fuzz;

import io.gridpulse.core.Reading;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The CSV batch body ({@code text/csv}): accepted rows keep the store's promises, everything else is refused. */
final class CsvReadingsTarget implements FuzzTarget {
    private final BatchParser parser = new BatchParser(Outcome.CLOCK, IngestLimits.DEFAULTS);

    @Override
    public String name() {
        return "csv-readings";
    }

    @Override
    public List<byte[]> seeds() {
        long t = Outcome.SEED_DAY_MS;
        return FuzzRun.utf8(List.of(
                "ts,powerW\n" + t + ",412.5\n" + (t + 1000) + ",413\n",
                "ts,powerW,energyWh\r\n2026-11-26T09:00:00+09:00,-120.25,5\r\n\r\n" + (t + 2000) + ",0,5.5\r\n",
                "powerW,ts\n1.5," + t + "\n"));
    }

    @Override
    public List<String> dictionary() {
        return List.of(String.valueOf(Outcome.SEED_DAY_MS), ",", "\"", "ts,powerW,energyWh\n");
    }

    @Override
    public void check(byte[] input) throws Exception {
        Outcome outcome = Outcome.of(() -> parser.parseCsv(new String(input, StandardCharsets.UTF_8)));
        if (outcome.accepted()) {
            @SuppressWarnings("unchecked")
            List<Reading> readings = (List<Reading>) outcome.value();
            Outcome.checkAccepted(readings, IngestLimits.DEFAULTS);
        }
    }
}
