package io.gridpulse.bench.fuzz;

import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.ingest.lineprotocol.LinePrecision;
import io.gridpulse.ingest.lineprotocol.LineProtocolBatch;
import io.gridpulse.ingest.lineprotocol.LineProtocolParser;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * InfluxDB line protocol ({@code POST /write}) in every precision: the in-place scanner must reach
 * what the reference parser reaches, the same meters and readings or a refusal.
 */
final class LineProtocolTarget implements FuzzTarget {
    private final LineProtocolParser parser = new LineProtocolParser(Outcome.CLOCK, IngestLimits.DEFAULTS);
    private int precision;

    @Override
    public String name() {
        return "line-protocol";
    }

    @Override
    public List<byte[]> seeds() {
        long ns = Outcome.SEED_DAY_MS * 1_000_000L;
        return FuzzRun.utf8(List.of(
                "power,meter=m1 powerW=412.5 " + ns + "\npower,meter=m2 powerW=-3i,energyWh=12.5 " + (ns + 1_000_000_000L) + "\n",
                "power,meter=gw\\ 7,site=a value=1.5 " + ns + "\n# comment\ncpu,host=x usage=3 " + ns + "\n",
                "power,meter=\"q\" powerW=7 " + ns));
    }

    @Override
    public List<String> dictionary() {
        return List.of(",meter=", " powerW=", ",energyWh=", "i", "\\ ", "\\,", "=", String.valueOf(Outcome.SEED_DAY_MS),
                String.valueOf(Outcome.SEED_DAY_MS / 1000));
    }

    @Override
    public void check(byte[] input) throws Exception {
        LinePrecision unit = LinePrecision.values()[precision++ % LinePrecision.values().length];
        Outcome fast = Outcome.of(() -> parser.parse(input, unit));
        Outcome reference = Outcome.of(() -> parser.parse(new String(input, StandardCharsets.UTF_8), unit));
        if (!fast.equals(reference)) {
            throw new FuzzFinding("scanner disagrees with the reference parser (" + unit + "): scanner " + fast + ", reference " + reference);
        }
        if (fast.accepted()) {
            LineProtocolBatch batch = (LineProtocolBatch) fast.value();
            if (batch.readingCount() > IngestLimits.DEFAULTS.maxBatchReadings()) {
                throw new FuzzFinding("batch limit: " + batch.readingCount() + " readings accepted");
            }
            batch.readingsByMeter().values().forEach(readings -> Outcome.checkAccepted(readings, IngestLimits.DEFAULTS));
        }
    }
}
