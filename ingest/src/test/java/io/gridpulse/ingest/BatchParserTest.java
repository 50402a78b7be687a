package io.gridpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.Reading;
import io.gridpulse.core.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The streaming JSON reader and the in-place CSV reader against the JSON tree parser, which is the
 * reference: same readings for every accepted body, same refusal (field, row, message) otherwise.
 */
class BatchParserTest {
    private static final long NOW_MS = 1_800_000_000_000L;
    private final BatchParser parser = new BatchParser(Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC),
            IngestLimits.DEFAULTS);

    /** A real line as (timestamp text, watts text exactly as logged). */
    private record Row(String ts, String watts) {}

    @Test
    void reddCircuitsParseExactlyAsTheTreeParserInEveryFormat() throws IOException {
        for (int channel : new int[] {3, 9, 18, 24}) {
            Path file = SharedData.resolve("redd-house5/channel_" + channel + ".dat").orElse(null);
            assumeTrue(file != null, "../shared/data/redd-house5 absent: skipping the real-data comparison");
            List<Row> rows = Files.readAllLines(file).stream().map(l -> l.trim().split("\\s+"))
                    .map(f -> new Row(Long.parseLong(f[0]) * 1000 + "", f[1])).toList();
            assertEveryBatchMatchesTheTree(rows, 3_600);
        }
    }

    @Test
    void aRepeatedKeyOrAnythingAfterTheBodyIsRefusedOnEveryPath() {
        long ts = NOW_MS - 60_000;
        // found by `gridpulse bench fuzz`: the scanner kept a repeated key's last value, the streaming
        // reader accepted a body with more after its object, and the tree parser did both
        for (String body : new String[] {
                "{\"readings\":[{\"ts\":" + ts + ",\"powerW\":412.00,\"powerW\":413}]}",
                "{\"readings\":[{\"ts\":" + ts + ",\"ts\":" + (ts + 1) + ",\"powerW\":1}]}",
                "{\"ts\":" + ts + ",\"powerW\":412.5},{\"ts\":" + (ts + 1000) + ",\"powerW\":413}]}",
                "{\"ts\":" + ts + ",\"powerW\":1,\"ts\":" + (ts + 5) + "}",
                "{\"readings\":[{\"ts\":" + ts + ",\"powerW\":1}]} []",
                "{\"ts\":[" + ts + "],\"powerW\":[1]}{}"}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> parser.parseJson(bytes)).as(body).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("malformed JSON");
            assertThatThrownBy(() -> parser.parseJsonTree(bytes)).as(body).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void gjwMainsWithIsoTimestampsParsesExactlyAsTheTreeParser() throws IOException {
        Path file = SharedData.resolve("gjw-uk-home/active-power-2013-11-20.csv").orElse(null);
        assumeTrue(file != null, "../shared/data/gjw-uk-home absent: skipping the real-data comparison");
        DateTimeFormatter logged = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        ZoneId london = ZoneId.of("Europe/London");
        List<Row> rows = Files.readAllLines(file).stream().map(l -> l.split(","))
                .map(f -> new Row('"' + LocalDateTime.parse(f[0], logged).atZone(london).toOffsetDateTime().toString() + '"',
                        f[1]))
                .toList();
        assertEveryBatchMatchesTheTree(rows, 1_000);
    }

    private void assertEveryBatchMatchesTheTree(List<Row> rows, int batchSize) {
        int batches = 0;
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<Row> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            List<Reading> reference = parser.parseJsonTree(rowsJson(batch));
            assertThat(streamed(rowsJson(batch))).isEqualTo(reference); // the fast path itself, not its fallback
            assertThat(streamed(columnsJson(batch))).isEqualTo(reference);
            if (!batch.get(0).ts().startsWith("\"")) {
                assertThat(parser.parseCsv(csv(batch))).isEqualTo(reference);
            }
            batches++;
        }
        assertThat(batches).isGreaterThan(10);
    }

    @Test
    void randomDecimalsConvertExactlyAsTheTreeParser() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int streamed = 0;
        for (int i = 0; i < 20_000; i++) {
            String watts = randomNumber(random);
            String body = "{\"readings\":[{\"ts\":" + NOW_MS + ",\"powerW\":" + watts + ",\"energyWh\":" + watts.replace("-", "")
                    + "}]}";
            assertThat(outcome(() -> parser.parseJson(utf8(body))))
                    .as("seed %d, value %s", seed, watts)
                    .isEqualTo(outcome(() -> parser.parseJsonTree(utf8(body))));
            streamed += streamed(utf8(body)) != null ? 1 : 0;
        }
        assertThat(streamed).as("values the fast path converted itself").isGreaterThan(3_000);
    }

    /** Plain and awkward JSON numbers: many digits, ties at the fourth decimal, exponents, huge. */
    private static String randomNumber(Random random) {
        RandomDecimal decimal = RandomDecimal.next(random);
        return random.nextInt(20) == 0 ? decimal.withExponent(random) : decimal.number();
    }

    @Test
    void halfAMilliwattRoundsAwayFromZero() {
        assertThat(parser.parseJson(utf8("{\"readings\":[{\"ts\":1700000000001,\"powerW\":1234.5},"
                + "{\"ts\":1700000000002,\"powerW\":0.0005},"
                + "{\"ts\":1700000000003,\"powerW\":-0.0005},{\"ts\":1700000000004,\"powerW\":2.00049999}]}")))
                .extracting(Reading::powerMilliwatts).containsExactly(1_234_500L, 1L, -1L, 2_000L);
    }

    @Test
    void malformedAndWrongBodiesAreRefusedExactlyAsTheTreeParserRefusesThem() {
        String[] bad = {
            "{\"readings\":[ {\"ts\":",
            "{\"readings\":[{\"ts\":1700000000001,\"powerW\":NaN}]}",
            "{\"readings\":[{\"ts\":1700000000001,\"powerW\":1},{\"ts\":1700000000002,\"powerW\":\"abc\"}]}",
            "{\"readings\":[{\"ts\":1700000000001}]}",
            "{\"readings\":[{\"ts\":1700000000001,\"powerW\":null}]}",
            "{\"readings\":[{\"ts\":1.5,\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":-1,\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":\"yesterday\",\"powerW\":1}]}",
            "{\"readings\":[{\"ts\":1700000000001,\"powerW\":1,\"energyWh\":-5}]}",
            "{\"readings\":[{\"ts\":1700000000001,\"powerW\":1,\"energyWh\":\"5\"}]}",
            "{\"readings\":[{\"ts\":1700000000001,\"powerW\":-9223372036854775808}]}",
            "{\"readings\":[{\"ts\":1700000000001,\"powerW\":1,\"energyWh\":9223372036854775807}]}",
            "{\"readings\":[{\"ts\":99999999999999999999,\"powerW\":1}]}",
            "{\"readings\":[1,2]}",
            "{\"readings\":{\"ts\":1700000000001,\"powerW\":1}}",
            "[{\"ts\":1700000000001,\"powerW\":1}]",
            "",
        };
        for (String body : bad) {
            Object tree = outcome(() -> parser.parseJsonTree(utf8(body)));
            assertThat(tree).as(body).isInstanceOf(String.class); // the reference refuses it
            assertThat(outcome(() -> parser.parseJson(utf8(body)))).as(body).isEqualTo(tree);
        }
    }

    @Test
    void powerInMilliwattsOrKilowattsByMistakeIsRefusedNamingTheRow() {
        assertThatThrownBy(() -> parser.parseJson(utf8("{\"readings\":[{\"ts\":1700000000001,\"powerW\":230},"
                + "{\"ts\":1700000000002,\"powerW\":15000000}]}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("powerW");
                    assertThat(e.row()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo("power 15000000 W exceeds 10 MW; is it in W (not mW)?");
                });
        assertThatThrownBy(() -> parser.parseJson(utf8("{\"ts\":[1700000000001,1700000000002],\"powerW\":[230,15000000.5]}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.row()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo("power 15000000.5 W exceeds 10 MW; is it in W (not mW)?");
                });
    }

    @Test
    void timestampsBeyondTheAllowedSkewAreRefusedNamingTheRow() {
        long tooLate = NOW_MS + IngestLimits.DEFAULTS.maxFutureMs() + 1;
        String message = "timestamp " + tooLate + " is more than 300 s in the future";
        assertRefused(() -> parser.parseJson(utf8("{\"readings\":[{\"ts\":" + NOW_MS + ",\"powerW\":1},{\"ts\":" + tooLate
                + ",\"powerW\":1}]}")), "ts", 1, message);
        assertRefused(() -> parser.parseJson(utf8("{\"ts\":[" + NOW_MS + "," + tooLate + "],\"powerW\":[1,1]}")), "ts", 1, message);
        assertRefused(() -> parser.parseCsv("ts,powerW\n" + NOW_MS + ",1\n" + tooLate + ",1\n"), "ts", 1, message);
        assertThat(parser.parseJson(utf8("{\"readings\":[{\"ts\":" + (tooLate - 1) + ",\"powerW\":1}]}"))).hasSize(1);
    }

    @Test
    void epochSecondsWhereMillisecondsBelongAreRefusedNamingTheRow() {
        long seconds = NOW_MS / 1000; // read as milliseconds: January 1970
        String message = "timestamp " + seconds + " is before 2000-01-01T00:00:00Z; ts is epoch milliseconds (epoch seconds "
                + "would need * 1000), or the meter's clock is not set";
        assertRefused(() -> parser.parseJson(utf8("{\"readings\":[{\"ts\":" + NOW_MS + ",\"powerW\":1},{\"ts\":" + seconds
                + ",\"powerW\":1}]}")), "ts", 1, message);
        assertRefused(() -> parser.parseJson(utf8("{\"ts\":[" + NOW_MS + "," + seconds + "],\"powerW\":[1,1]}")), "ts", 1,
                message);
        assertRefused(() -> parser.parseCsv("ts,powerW\n" + NOW_MS + ",1\n" + seconds + ",1\n"), "ts", 1, message);
        assertThat(parser.parseJson(utf8("{\"readings\":[{\"ts\":" + IngestLimits.EARLIEST_TIMESTAMP_MS + ",\"powerW\":1}]}")))
                .hasSize(1);
    }

    @Test
    void batchesAboveTheLimitAreRefusedWholeIn413() {
        BatchParser small = new BatchParser(Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC), new IngestLimits(3, 0));
        List<Row> four = List.of(new Row("1700000000001", "1"), new Row("1700000000002", "2"), new Row("1700000000003", "3"),
                new Row("1700000000004", "4"));
        assertThatThrownBy(() -> small.parseJson(rowsJson(four))).isInstanceOf(PayloadTooLargeException.class)
                .hasMessage("batch has 4 readings; the limit is 3");
        assertThatThrownBy(() -> small.parseJson(columnsJson(four))).isInstanceOf(PayloadTooLargeException.class);
        assertThatThrownBy(() -> small.parseCsv(csv(four))).isInstanceOf(PayloadTooLargeException.class)
                .hasMessage("batch has 4 readings; the limit is 3");
        assertThat(small.parseJson(rowsJson(four.subList(0, 3)))).hasSize(3);
    }

    @Test
    void repeatedReadingsAreAllHandedOnAndOtherKeysIgnored() {
        String body = "{\"readings\":[{\"ts\":1700000005000,\"powerW\":1},{\"ts\":1700000005000,\"powerW\":1},"
                + "{\"ts\":1700000006000,\"powerW\":2.5,\"meter\":{\"ignored\":[1]}}],\"note\":\"x\"}";
        assertThat(parser.parseJson(utf8(body))).isEqualTo(parser.parseJsonTree(utf8(body)))
                .containsExactly(Reading.ofPower(1_700_000_005_000L, 1000), Reading.ofPower(1_700_000_005_000L, 1000),
                        Reading.ofPower(1_700_000_006_000L, 2500));
    }

    @Test
    void oneReadingObjectIsStreamedAndReadingsWinOverTopLevelFields() {
        String one = "{\"ts\":1700000000000,\"powerW\":1534.2,\"energyWh\":12.5}"; // MQTT's usual payload
        assertThat(streamed(utf8(one))).isEqualTo(parser.parseJsonTree(utf8(one)))
                .containsExactly(new Reading(1_700_000_000_000L, 1_534_200, 12_500));
        String both = "{\"ts\":1700000000001,\"powerW\":1,\"readings\":[{\"ts\":1700000000002,\"powerW\":2}],\"note\":\"ignored\"}";
        assertThat(streamed(utf8(both))).isEqualTo(parser.parseJsonTree(utf8(both)))
                .containsExactly(Reading.ofPower(1_700_000_000_002L, 2000));
        for (String odd : new String[] {"{}", "{\"ts\":[1700000000001],\"powerW\":1}", "{\"ts\":1700000000001,\"powerW\":[1]}",
                "{\"powerW\":1}"}) {
            assertThat(outcome(() -> parser.parseJson(utf8(odd)))).as(odd).isEqualTo(outcome(() -> parser.parseJsonTree(utf8(odd))))
                    .isInstanceOf(String.class);
        }
    }

    @Test
    void columnarBodyCarriesOptionalEnergyAndNamesBadCellsByRow() {
        assertThat(parser.parseJson(utf8("{\"ts\":[1700000001000,\"2023-11-14T22:13:22Z\"],\"powerW\":[1.5,-2],"
                + "\"energyWh\":[10.25,null]}")))
                .containsExactly(new Reading(1_700_000_001_000L, 1500, 10_250), Reading.ofPower(1_700_000_002_000L, -2000));
        assertRefused(() -> parser.parseJson(utf8("{\"ts\":[1700000000001,1700000000002,1700000000003],\"powerW\":[1,2]}")),
                "powerW", -1,
                "columns must have the same length: ts has 3 values, powerW has 2");
        assertRefused(() -> parser.parseJson(utf8("{\"ts\":[1700000000001,1700000000002]}")), "powerW", -1,
                "columnar body needs a 'powerW' array");
        assertRefused(() -> parser.parseJson(utf8("{\"ts\":[1700000000001,1700000000002],\"powerW\":[1,\"abc\"]}")), "powerW", 1,
                "powerW must be a number, got abc");
        assertRefused(() -> parser.parseJson(utf8("{\"ts\":[1700000000001,1700000000002],\"powerW\":[1,2],\"energyWh\":[3,-4]}")),
                "energyWh", 1,
                "energy register must not be negative: -4");
        assertRefused(() -> parser.parseJson(utf8("{\"ts\":[1700000000001,-2],\"powerW\":[1,2]}")), "ts", 1,
                "timestamp must not be negative: -2");
    }

    @Test
    void csvRowsWithUnusualCellsAreReadAndRefusedAsBefore() {
        assertThat(parser.parseCsv("\n ts, powerW, energyWh \r\n1700000001000, 1.5 ,2\r\n\n2023-11-14T22:13:22Z,1e3,\n"
                + "1700000003000,.5,1.\n\n"))
                .containsExactly(new Reading(1_700_000_001_000L, 1500, 2000), Reading.ofPower(1_700_000_002_000L, 1_000_000),
                        new Reading(1_700_000_003_000L, 500, 1000));
        assertRefused(() -> parser.parseCsv("ts,powerW\n1700000001000,1\n1700000002000,1,3\n"), "row", 1,
                "row has 3 cells, header has 2");
        assertRefused(() -> parser.parseCsv("ts,powerW\n1700000001000,abc\n"), "powerW", 0, "powerW 'abc' is not a number");
        assertRefused(() -> parser.parseCsv("ts,power\n1000,1\n"), "header", -1,
                "CSV header must be ts,powerW or ts,powerW,energyWh; got: ts,power");
        assertRefused(() -> parser.parseCsv(" \n"), "body", -1, "empty CSV; expected header ts,powerW[,energyWh]");
    }

    private static List<Reading> streamed(byte[] body) {
        return JsonBatchReader.read(body, NOW_MS + IngestLimits.DEFAULTS.maxFutureMs(), IngestLimits.DEFAULTS);
    }

    private static void assertRefused(Supplier<List<Reading>> parse, String field, int row, String message) {
        assertThat(outcome(parse)).isEqualTo("InvalidInputException " + field + " " + row + " " + message);
    }

    /** The readings, or the refusal as text (type, field, row, message) so two parsers compare in one assert. */
    private static Object outcome(Supplier<List<Reading>> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            return "InvalidInputException " + e.field() + " " + e.row() + " " + e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }

    private static byte[] rowsJson(List<Row> rows) {
        StringBuilder sb = new StringBuilder("{\"readings\":[");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"ts\":").append(rows.get(i).ts()).append(",\"powerW\":")
                    .append(rows.get(i).watts()).append('}');
        }
        return utf8(sb.append("]}").toString());
    }

    private static byte[] columnsJson(List<Row> rows) {
        StringBuilder ts = new StringBuilder("{\"ts\":[");
        StringBuilder watts = new StringBuilder("],\"powerW\":[");
        for (int i = 0; i < rows.size(); i++) {
            ts.append(i == 0 ? "" : ",").append(rows.get(i).ts());
            watts.append(i == 0 ? "" : ",").append(rows.get(i).watts());
        }
        return utf8(ts.append(watts).append("]}").toString());
    }

    private static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("ts,powerW\n");
        rows.forEach(r -> sb.append(r.ts()).append(',').append(r.watts()).append('\n'));
        return sb.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
