package io.gridpulse.ingest.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.SharedData;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.ingest.ParseOutcome;
import io.gridpulse.ingest.RandomDecimal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The in-place scanner against the String parser, which is the reference: the same batch for
 * every body the scanner reads itself, and every other body (escapes, quotes, odd numbers, bad
 * lines) left to the reference, so the refusal reads the same.
 */
class LineScannerTest {
    private static final long NOW_MS = 1_800_000_000_000L;
    private final LineProtocolParser parser = new LineProtocolParser(Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC),
            IngestLimits.DEFAULTS);
    private final LineScanner scanner = new LineScanner(LineProtocolMapping.DEFAULT);

    @Test
    void reddCircuitsPostedAsAGatewayScanExactlyAsTheReferenceParsesThem() throws IOException {
        List<List<String[]>> channels = new ArrayList<>();
        for (int channel : new int[] {3, 9, 18, 24}) {
            Path file = SharedData.resolve("redd-house5/channel_" + channel + ".dat").orElse(null);
            assumeTrue(file != null, "../shared/data/redd-house5 absent: skipping the real-data comparison");
            channels.add(Files.readAllLines(file).stream().map(l -> l.trim().split("\\s+")).toList());
        }
        int bodies = 0;
        for (int row = 0; row + 100 < channels.get(0).size(); row += 100, bodies++) {
            StringBuilder body = new StringBuilder();
            for (int c = 0; c < channels.size(); c++) { // one second of each circuit, then the next second
                for (int r = row; r < row + 100 && r < channels.get(c).size(); r++) {
                    String[] f = channels.get(c).get(r);
                    body.append("power,meter=redd5-ch").append(c).append(",site=house5 value=").append(f[1]).append(' ')
                            .append(f[0]).append('\n');
                }
            }
            assertScannedAsReference(body.toString(), LinePrecision.SECONDS);
        }
        assertThat(bodies).isGreaterThan(100);
    }

    @Test
    void gjwMainsWithEnergyAndIntegerPowerScanExactlyAsTheReferenceParsesThem() throws IOException {
        Path file = SharedData.resolve("gjw-uk-home/active-power-2013-11-20.csv").orElse(null);
        assumeTrue(file != null, "../shared/data/gjw-uk-home absent: skipping the real-data comparison");
        DateTimeFormatter logged = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        List<String> lines = new ArrayList<>();
        long energyMilliwattHours = 0;
        for (String row : Files.readAllLines(file)) {
            String[] f = row.split(",");
            long ns = LocalDateTime.parse(f[0], logged).toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000_000;
            energyMilliwattHours += Long.parseLong(f[1]) * 1000 / 3600;
            lines.add(String.format("power,meter=gjw powerW=%si,energyWh=%d.%03d %d", f[1], energyMilliwattHours / 1000,
                    energyMilliwattHours % 1000, ns));
        }
        for (int from = 0; from < lines.size(); from += 1_000) {
            assertScannedAsReference(String.join("\n", lines.subList(from, Math.min(lines.size(), from + 1_000))),
                    LinePrecision.NANOSECONDS);
        }
    }

    @Test
    void commentsBlankLinesOtherMeasurementsAndRepeatedTagsScanAsTheReferenceParsesThem() {
        assertScannedAsReference("""
                # a comment
                  power,meter=a value=1.5 1799999999000\s\s

                cpu,host=x usage_idle=99,busy=true 1799999999000
                power,meter=b,meter=c,site=x powerW=2i,value=3,energyWh=0,powerW=4 1799999999000
                power,meter=a value=-0.0004
                power,meter=a value=0.0005   1799999999001
                """, LinePrecision.MILLISECONDS);
    }

    @Test
    void randomValuesConvertExactlyAsTheReference() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int scanned = 0;
        for (int i = 0; i < 20_000; i++) {
            String value = randomNumber(random);
            String body = "power,meter=m value=" + value + ",energyWh=" + value + " 1799999999";
            assertThat(outcome(() -> parser.parse(utf8(body), LinePrecision.SECONDS)))
                    .as("seed %d, value %s", seed, value)
                    .isEqualTo(outcome(() -> parser.parse(body, LinePrecision.SECONDS)));
            scanned += scanner.scan(utf8(body), LinePrecision.SECONDS, NOW_MS, IngestLimits.DEFAULTS) != null ? 1 : 0;
        }
        assertThat(scanned).as("values the scanner converted itself").isGreaterThan(3_000);
    }

    @Test
    void unusualAndBadBodiesAreLeftToTheReference() {
        String[] bodies = {
            "power,meter=living\\ room value=1 1799999999",
            "power,meter=a note=\"x y\",value=1 1799999999",
            "power,meter=a value=1 1799999999\r\n",
            "power,meter=a\tvalue=1 1799999999",
            "power,meter=ä value=1 1799999999",
            "power,meter=a value=1e3 1799999999",
            "power,meter=a value=+1 1799999999",
            "power,meter=a value=abc 1799999999",
            "power,meter=a value= 1799999999",
            "power,meter=a value=1 17999999990",
            "power,meter=a value=1 1799999999 5",
            "power,meter=a value=1 -5",
            "power,meter=a value=1,energyWh=-0.0001 1799999999",
            "power,meter=a value=10000000.001 1799999999",
            "power,meter=a,,x=y value=1 1799999999",
            "power,meter=a, value=1 1799999999",
            "power,meter=a  value=1 1799999999",
            "power,meter=a value=1,",
            "power,=a value=1",
            ",meter=a value=1",
            "power,meter=a",
            "power value=1",
            "power,meter=a energyWh=1",
            "power,meter=a/b value=1",
            "power,meter=a value=1i 99999999999999999",
            "power,meter=a value=1i 99999999999999999999",
        };
        for (String body : bodies) {
            assertThat(scanner.scan(utf8(body), LinePrecision.SECONDS, NOW_MS, IngestLimits.DEFAULTS)).as(body).isNull();
            assertThat(outcome(() -> parser.parse(utf8(body), LinePrecision.SECONDS))).as(body)
                    .isEqualTo(outcome(() -> parser.parse(body, LinePrecision.SECONDS)));
        }
    }

    @Test
    void aKilowattMappingIsLeftToTheReference() {
        LineProtocolMapping kilowatts = new LineProtocolMapping("kW", "entity_id", List.of("value"), "energy_kwh", true);
        assertThat(new LineScanner(kilowatts).scan(utf8("kW,entity_id=house value=1.5 1799999999"), LinePrecision.SECONDS,
                NOW_MS, IngestLimits.DEFAULTS)).isNull();
    }

    @Test
    void moreLinesThanTheLimitAreLeftToTheReference() {
        LineProtocolParser small = new LineProtocolParser(Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC),
                new IngestLimits(1, 0));
        String body = "power,meter=a value=1 1700000000\npower,meter=a value=2 1700000001";
        assertThat(outcome(() -> small.parse(utf8(body), LinePrecision.SECONDS)))
                .isEqualTo(outcome(() -> small.parse(body, LinePrecision.SECONDS)))
                .asString().contains("PayloadTooLarge");
    }

    private void assertScannedAsReference(String body, LinePrecision precision) {
        LineProtocolBatch scanned = scanner.scan(utf8(body), precision, NOW_MS, IngestLimits.DEFAULTS);
        LineProtocolBatch reference = parser.parse(body, precision);
        assertThat(scanned).as("scanned itself, not left to the reference").isNotNull();
        assertThat(scanned.readingsByMeter()).isEqualTo(reference.readingsByMeter());
        assertThat(scanned.ignoredLines()).isEqualTo(reference.ignoredLines());
        assertThat(scanned.readingCount()).isGreaterThan(0);
    }

    /** Plain and awkward numbers: many digits, ties at the fourth decimal, exponents, huge, signs. */
    private static String randomNumber(Random random) {
        RandomDecimal decimal = RandomDecimal.next(random);
        return switch (random.nextInt(20)) {
            case 0 -> decimal.withExponent(random);
            case 1 -> decimal.hasFraction() ? decimal.number() : decimal.number() + "i";
            case 2 -> decimal.hasFraction() ? decimal.number() : decimal.number() + "u";
            default -> decimal.number();
        };
    }

    /** What a parse ends in: the batch's content, or the refusal's kind, field, row and message. */
    private static Object outcome(Supplier<LineProtocolBatch> parse) {
        return ParseOutcome.of(parse, batch -> List.of(batch.readingsByMeter(), batch.ignoredLines()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
