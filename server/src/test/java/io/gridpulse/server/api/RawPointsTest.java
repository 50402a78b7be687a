package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Units;
import io.gridpulse.core.SharedData;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingColumns;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw series written from columns ({@link RawPoints}, streamed by {@code GET /power}) is
 * byte for byte what the server sent when it mapped each reading to a map ({@link Json#reading})
 * and let its mapper (BigDecimal as plain text) write the body: the old rendering is kept here as
 * the reference.
 */
class RawPointsTest {
    private static final String KEY = "raw-points-admin-key-0123456789";
    /** The server's mapper as configured in GridPulseServer, for the reference rendering. */
    private static final ObjectMapper SERVER_JSON =
            JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final long DAY_MS = 86_400_000L;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void thousandthsAreBigDecimalsPlainText() {
        long[] edges = {0, 1, -1, 9, 10, 100, 999, 1_000, -1_000, 1_001, 1_050, 1_234_500, -1_234_500, 1_000_000,
            120_000_000, 10_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -999, -1_001};
        for (long value : edges) {
            assertThat(plain(value)).as("%d", value).isEqualTo(reference(value));
        }
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long value = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(20_000_000) - 10_000_000;
                case 2 -> random.nextInt(10_000) * 1_000L; // whole watts
                default -> random.nextInt(100_000) * 10L - 500_000; // trailing zero in the fraction
            };
            assertThat(plain(value)).as("%d", value).isEqualTo(reference(value));
        }
    }

    @Test
    void edgeValuesRenderAsTheMappedReadingsDid() throws Exception {
        long[] powers = {0, -1, 1, -1_234_500, 1_000_000, 1_234_500, 999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, 10};
        long[] energies = {Reading.NO_ENERGY, 0, 1, 1_000, 123_456_789, Long.MAX_VALUE, Reading.NO_ENERGY, 50, 7, Reading.NO_ENERGY};
        List<Reading> readings = readings(powers, energies);
        assertThat(rendered(columns(readings))).isEqualTo(reference(readings));
        assertThat(rendered(new ReadingColumns(0))).isEqualTo("[]");
    }

    /** Through the store and HTTP: zero, fractions, export, the largest power ingest accepts (10 MW), no register. */
    @Test
    void edgeValuesServedAsTheMappedReadingsWere() throws Exception {
        long[] powers = {0, -1, 1, -1_234_500, 1_000_000, 1_234_500, 10_000_000_000L, -10_000_000_000L, 120, 10};
        long[] energies = {Reading.NO_ENERGY, 0, 1, 1_000, 123_456_789, 9_000_000_000_000_000L, Reading.NO_ENERGY,
            Reading.NO_ENERGY, 9_000_000_000_000_001L, Reading.NO_ENERGY};
        List<Reading> readings = readings(powers, energies);
        try (TestServer node = TestServer.start(dir, KEY, Scope.ADMIN)) {
            MeterRef meter = MeterRef.of("default", "edge-values");
            node.store.meters().ensure(meter);
            node.store.append(meter, readings);
            assertThat(node.store.readRaw(meter, 0, Long.MAX_VALUE)).isEqualTo(readings);
            long from = readings.get(0).timestampMs();
            assertServedAsReference(node, meter, from, from + DAY_MS);
        }
    }

    private static List<Reading> readings(long[] powers, long[] energies) {
        long t0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < powers.length; i++) {
            out.add(new Reading(t0 + i * 1_000L, powers[i], energies[i]));
        }
        return out;
    }

    @Test
    void realDaysServedAsTheMappedReadingsWere() throws Exception {
        Path file = SharedData.resolve("gjw-uk-home/active-power-2013-11-20.csv").orElse(null);
        assumeTrue(file != null, "../shared/data/gjw-uk-home absent: skipping the real-data comparison");
        List<Reading> readings = gjwWithRegister(file);
        try (TestServer node = TestServer.start(dir, KEY, Scope.ADMIN)) {
            MeterRef meter = MeterRef.of("default", "gjw");
            node.store.meters().ensure(meter);
            for (int i = 0; i < readings.size(); i += 5_000) {
                node.store.append(meter, readings.subList(i, Math.min(readings.size(), i + 5_000)));
            }
            long firstDay = Math.floorDiv(readings.get(0).timestampMs(), DAY_MS) * DAY_MS;
            for (long day = firstDay; day < firstDay + 5 * DAY_MS; day += DAY_MS) {
                assertServedAsReference(node, meter, day, day + DAY_MS);
            }
            assertServedAsReference(node, meter, firstDay + 7 * DAY_MS + 12_345, firstDay + 14 * DAY_MS); // the longest raw range
            assertServedAsReference(node, meter, firstDay - DAY_MS, firstDay); // no points
        }
    }

    /** Plain and gzip-encoded (the dashboard's browser asks for it): the same bytes as the reference. */
    private void assertServedAsReference(TestServer node, MeterRef meter, long from, long to) throws Exception {
        byte[] expected = reference(meter, node.store.readRaw(meter, from, to));
        String uri = "http://localhost:" + node.server.port() + "/api/v1/meters/" + meter.meter().value()
                + "/power?from=" + from + "&to=" + to;
        HttpResponse<byte[]> plain = get(uri, false);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        HttpResponse<byte[]> gzip = get(uri, true);
        assertThat(gunzipped(gzip)).isEqualTo(expected);
    }

    private HttpResponse<byte[]> get(String uri, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + KEY);
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzipped(HttpResponse<byte[]> response) throws IOException {
        if (!response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            return response.body(); // below Javalin's compression threshold
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        }
    }

    /** What {@code MeterRoutes.power} sent before: a map per reading, written by ctx.json (a String, then UTF-8). */
    private static byte[] reference(MeterRef meter, List<Reading> readings) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", meter.meter().value());
        body.put("step", "raw");
        body.put("points", readings.stream().map(Json::reading).toList());
        return SERVER_JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private static String reference(List<Reading> readings) throws IOException {
        return SERVER_JSON.writeValueAsString(readings.stream().map(Json::reading).toList());
    }

    private static String rendered(ReadingColumns columns) throws IOException {
        return SERVER_JSON.writeValueAsString(new RawPoints(columns));
    }

    private static String plain(long thousandths) {
        char[] text = new char[Units.PLAIN_THOUSANDTHS_MAX_CHARS];
        int start = Units.plainThousandths(thousandths, text);
        return new String(text, start, text.length - start);
    }

    private static String reference(long thousandths) {
        return BigDecimal.valueOf(thousandths, 3).stripTrailingZeros().toPlainString();
    }

    private static ReadingColumns columns(List<Reading> readings) {
        ReadingColumns out = new ReadingColumns(readings.size());
        readings.forEach(r -> out.add(r.timestampMs(), r.powerMilliwatts(), r.energyMilliwattHours()));
        return out;
    }

    /** GJW active power as logged (watts, London time), a register integrated from it, absent on every 40th. */
    static List<Reading> gjwWithRegister(Path file) throws IOException {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        List<Reading> out = new ArrayList<>();
        long energyMwh = 0;
        long previousTs = -1;
        long previousMw = 0;
        for (String line : Files.readAllLines(file)) {
            int comma = line.indexOf(',');
            long ts = LocalDateTime.parse(line.substring(0, comma), format).atZone(ZoneId.of("Europe/London"))
                    .toInstant().toEpochMilli();
            if (ts <= previousTs) {
                continue; // the autumn clock change repeats an hour of local times
            }
            long mw = Long.parseLong(line.substring(comma + 1).trim()) * 1_000 + out.size() % 7; // some fractions
            energyMwh += previousTs < 0 ? 0 : previousMw * (ts - previousTs) / 3_600_000L;
            out.add(new Reading(ts, mw, out.size() % 40 == 0 ? Reading.NO_ENERGY : energyMwh));
            previousTs = ts;
            previousMw = mw;
        }
        return out;
    }
}
