package io.gridpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.Reading;
import io.gridpulse.core.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The byte scanner against the JSON tree parser, the reference: the same readings for every body
 * it reads itself, and every other body left to the other parsers, so a refusal reads the same.
 */
class JsonRowScannerTest {
    private static final long NOW_MS = 1_800_000_000_000L;
    private static final long LATEST_MS = NOW_MS + IngestLimits.DEFAULTS.maxFutureMs();
    private final BatchParser parser = new BatchParser(Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC),
            IngestLimits.DEFAULTS);

    @Test
    void reddCircuitsScanExactlyAsTheTreeParsesThem() throws IOException {
        int bodies = 0;
        for (int channel : new int[] {3, 9, 18, 24}) {
            Path file = SharedData.resolve("redd-house5/channel_" + channel + ".dat").orElse(null);
            assumeTrue(file != null, "../shared/data/redd-house5 absent: skipping the real-data comparison");
            List<String[]> rows = Files.readAllLines(file).stream().map(l -> l.trim().split("\\s+")).toList();
            for (int from = 0; from + 300 <= rows.size(); from += 300, bodies++) {
                StringBuilder body = new StringBuilder("{\"readings\":[");
                for (int r = from; r < from + 300; r++) {
                    String[] f = rows.get(r);
                    body.append(r == from ? "" : ",").append("{\"ts\":").append(Long.parseLong(f[0]) * 1000)
                            .append(",\"powerW\":").append(f[1]).append(r % 2 == 0 ? ",\"energyWh\":null}" : "}");
                }
                assertScannedAsTree(body.append("]}").toString());
            }
        }
        assertThat(bodies).isGreaterThan(100);
    }

    @Test
    void spacingKeyOrderAndEnergyScanAsTheTreeParsesThem() {
        assertScannedAsTree("""
                 { "readings" : [
                   { "powerW" : 12.5 , "ts" : 1799999999000, "energyWh": 1203455.5 },
                   {"ts":1799999999001,"powerW":0.0005,"energyWh":null},
                   {"energyWh":0,"ts":1799999999002,"powerW":-0}
                 ] }
                """);
        assertThat(JsonRowScanner.scan(utf8("{\"readings\":[]}"), LATEST_MS, IngestLimits.DEFAULTS)).isEmpty();
    }

    @Test
    void randomDecimalsConvertExactlyAsTheTreeParser() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int scanned = 0;
        for (int i = 0; i < 20_000; i++) {
            String watts = randomNumber(random);
            String body = "{\"readings\":[{\"ts\":" + NOW_MS + ",\"powerW\":" + watts + ",\"energyWh\":" + watts + "}]}";
            assertThat(outcome(() -> parser.parseJson(utf8(body))))
                    .as("seed %d, value %s", seed, watts)
                    .isEqualTo(outcome(() -> parser.parseJsonTree(utf8(body))));
            scanned += JsonRowScanner.scan(utf8(body), LATEST_MS, IngestLimits.DEFAULTS) != null ? 1 : 0;
        }
        assertThat(scanned).as("values the scanner converted itself").isGreaterThan(3_000);
    }

    @Test
    void unusualAndBadBodiesAreLeftToTheOtherParsers() {
        String[] bodies = {
            "{\"readings\":[{\"ts\":1,\"powerW\":1,\"note\":\"x\"}]}",
            "{\"meter\":\"a\",\"readings\":[{\"ts\":1,\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":\"2024-01-01T00:00:00Z\",\"powerW\":1}]}",
            "{\"readings\":[{\"t\\u0073\":1,\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":1e3}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":01}]}",
            "{\"readings\":[{\"ts\":01,\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":1.0,\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":-1,\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":99999999999999999999,\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":.5}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":1.}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":\"1\"}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":10000000.001}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":1,\"energyWh\":-0.0001}]}",
            "{\"readings\":[{\"ts\":1}]}",
            "{\"readings\":[{\"powerW\":1}]}",
            "{\"readings\":[{}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":1},]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":1}]",
            "{\"readings\":[{\"ts\":1,\"powerW\":1}]} x",
            "{\"readings\":[{\"ts\":1900000000000,\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":nul}]}",
            "{\"readings\":[{\"ts\":1,\"powerW\":1,\"energyWh\":nullx}]}",
            "{\"ts\":1,\"powerW\":1}",
            "",
        };
        for (String body : bodies) {
            assertThat(JsonRowScanner.scan(utf8(body), LATEST_MS, IngestLimits.DEFAULTS)).as(body).isNull();
            assertThat(outcome(() -> parser.parseJson(utf8(body)))).as(body)
                    .isEqualTo(outcome(() -> parser.parseJsonTree(utf8(body))));
        }
    }

    @Test
    void moreRowsThanTheLimitAreLeftToTheOtherParsers() {
        String body = "{\"readings\":[{\"ts\":1,\"powerW\":1},{\"ts\":2,\"powerW\":1}]}";
        assertThat(JsonRowScanner.scan(utf8(body), LATEST_MS, new IngestLimits(1, 0))).isNull();
    }

    private void assertScannedAsTree(String body) {
        List<Reading> scanned = JsonRowScanner.scan(utf8(body), LATEST_MS, IngestLimits.DEFAULTS);
        assertThat(scanned).as("scanned itself, not left to the other parsers").isNotNull().isNotEmpty();
        assertThat(scanned).isEqualTo(parser.parseJsonTree(utf8(body)));
    }

    /** Plain and awkward JSON numbers: many digits, ties at the fourth decimal, exponents, leading zeros. */
    private static String randomNumber(Random random) {
        RandomDecimal decimal = RandomDecimal.next(random);
        return switch (random.nextInt(20)) {
            case 0 -> decimal.withExponent(random);
            case 1 -> decimal.sign() + "0" + decimal.integer();
            default -> decimal.number();
        };
    }

    /** What a parse ends in: the readings, or the refusal (ParseOutcome). */
    private static Object outcome(Supplier<List<Reading>> parse) {
        return ParseOutcome.of(parse, readings -> readings);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
