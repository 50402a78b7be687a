package io.gridpulse.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import java.io.IOException;
import java.util.List;

/**
 * The JSON batch body ({@code POST …/readings}): on row bodies its byte scanner and streaming
 * reader must reach exactly what the reference tree parser reaches, the same readings or a
 * refusal; column bodies ({@code "ts":[…]}), which only the streaming reader reads, must keep the
 * store's promises.
 */
final class JsonReadingsTarget implements FuzzTarget {
    private static final ObjectMapper TREE = new ObjectMapper();
    private final BatchParser parser = new BatchParser(Outcome.CLOCK, IngestLimits.DEFAULTS);

    @Override
    public String name() {
        return "json-readings";
    }

    @Override
    public List<byte[]> seeds() {
        long t = Outcome.SEED_DAY_MS;
        return FuzzRun.utf8(List.of(
                "{\"readings\":[{\"ts\":" + t + ",\"powerW\":412.5},{\"ts\":" + (t + 1000) + ",\"powerW\":413,\"energyWh\":12345.678}]}",
                "{\"readings\":[{\"ts\":\"2026-11-26T09:00:00+09:00\",\"powerW\":-120.25},{\"ts\":\"2026-11-26T00:00:01Z\",\"powerW\":0}]}",
                "{\"ts\":" + t + ",\"powerW\":1.5,\"energyWh\":7}",
                "{\"ts\":[" + t + "," + (t + 1000) + "," + (t + 2000) + "],\"powerW\":[1,2.25,-3],\"energyWh\":[10,11,12]}",
                "{ \"readings\" : [ { \"powerW\" : 1.0e2 , \"ts\" : " + (t + 5) + " } ,\n {\"ts\":" + (t + 9) + ",\"powerW\":-0.001} ] }"));
    }

    @Override
    public List<String> dictionary() {
        long t = Outcome.SEED_DAY_MS;
        return List.of(String.valueOf(t), String.valueOf(t / 1000), String.valueOf(Outcome.CLOCK.millis() + 3_600_000), "1.0E+3",
                "0.0005", "12345678901234.567", "\"ts\":", ",\"powerW\":", "{\"ts\":1,\"powerW\":2}");
    }

    @Override
    public void check(byte[] input) throws Exception {
        Outcome fast = Outcome.of(() -> parser.parseJson(input));
        Outcome reference = Outcome.of(() -> parser.parseJsonTree(input));
        if (!fast.equals(reference) && !columns(input)) {
            throw new FuzzFinding("fast path disagrees with the reference parser: fast " + fast + ", reference " + reference);
        }
        if (fast.accepted()) {
            @SuppressWarnings("unchecked")
            List<Reading> readings = (List<Reading>) fast.value();
            Outcome.checkAccepted(readings, IngestLimits.DEFAULTS);
        }
    }

    /** A body whose top level holds a {@code "ts"} array: the column format, which the tree parser does not read. */
    private static boolean columns(byte[] input) {
        try {
            JsonNode root = TREE.readTree(input);
            return root != null && root.isObject() && root.path("ts").isArray();
        } catch (IOException e) {
            return false;
        }
    }
}
