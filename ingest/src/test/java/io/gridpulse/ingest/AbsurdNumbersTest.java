package io.gridpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Units;
import io.gridpulse.ingest.device.DeviceFormat;
import io.gridpulse.ingest.device.DevicePayloadParser;
import io.gridpulse.ingest.lineprotocol.LinePrecision;
import io.gridpulse.ingest.lineprotocol.LineProtocolParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Numbers found by `gridpulse bench fuzz` (docs/benchmarks.md, "Fuzzing"): exponents that held a
 * thread for minutes while a BigDecimal spelled out every digit, a double that became Infinity, and
 * integers beyond a long that crashed a parser or wrapped into a valid-looking timestamp. Each is
 * now a 400-style refusal, at once.
 */
class AbsurdNumbersTest {
    private static final long NOW_MS = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();
    private static final long TS = NOW_MS - 86_400_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC);
    private final BatchParser parser = new BatchParser(CLOCK, IngestLimits.DEFAULTS);
    private final LineProtocolParser lines = new LineProtocolParser(CLOCK, IngestLimits.DEFAULTS);
    private final DevicePayloadParser devices = new DevicePayloadParser(CLOCK, IngestLimits.DEFAULTS);

    @Test
    void hugeAndTinyExponentsAreRefusedOrZeroAtOnceInEveryFormat() {
        for (String number : new String[] {"1e99999999", "121e99901000", "41.0E+313", "-7e400", "1e21795651200"}) {
            refusedAtOnce(() -> parser.parseJson(json("{\"ts\":" + TS + ",\"powerW\":" + number + "}")));
            refusedAtOnce(() -> parser.parseJson(json("{\"readings\":[{\"ts\":" + TS + ",\"powerW\":1,\"energyWh\":" + number + "}]}")));
            refusedAtOnce(() -> parser.parseJson(json("{\"ts\":[" + TS + "],\"powerW\":[" + number + "]}")));
            refusedAtOnce(() -> parser.parseCsv("ts,powerW\n" + TS + "," + number + "\n"));
            refusedAtOnce(() -> lines.parse(json("power,meter=m1 powerW=" + number + " " + TS), LinePrecision.MILLISECONDS));
            refusedAtOnce(() -> devices.parse(DeviceFormat.ENERTALK, json("{\"timestamp\":" + TS + ",\"activePower\":" + number + "}"),
                    ZoneId.of("UTC"), null));
            refusedAtOnce(() -> devices.parse(DeviceFormat.SHELLY,
                    json("{\"unixtime\":" + TS / 1000 + ",\"emeters\":[{\"power\":" + number + "},{\"power\":5}]}"), ZoneId.of("UTC"), null));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(parser.parseCsv("ts,powerW\n" + TS + ",1e-99999999\n").get(0).powerMilliwatts()).isZero();
            assertThat(Units.wattsToMilliwatts(new BigDecimal("-4e-99999999"))).isZero();
            assertThat(Units.wattsToMilliwatts(new BigDecimal("0.0005"))).isEqualTo(1);
            assertThat(Units.wattsToMilliwatts(new BigDecimal("9223372036854775.807"))).isEqualTo(Long.MAX_VALUE);
        });
        assertThatThrownBy(() -> Units.wattsToMilliwatts(new BigDecimal("9223372036854775.808"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void timestampsBeyondALongAreRefusedNotWrapped() {
        // 2^64 + TS: read as a long it wrapped to TS itself, a valid reading at the wrong time
        String wrapsToTs = new BigDecimal(TS).add(new BigDecimal("18446744073709551616")).toPlainString();
        refusedAtOnce(() -> parser.parseJson(json("{\"ts\":" + wrapsToTs + ",\"powerW\":1}")));
        refusedAtOnce(() -> parser.parseJson(json("{\"readings\":[{\"ts\":" + wrapsToTs + ",\"powerW\":1}]}")));
        refusedAtOnce(() -> parser.parseCsv("ts,powerW\n17956512010079565121795651200000,412.5\n"));
        refusedAtOnce(() -> devices.parse(DeviceFormat.ENERTALK, json("{\"timestamp\":" + wrapsToTs + ",\"activePower\":1}"),
                ZoneId.of("UTC"), null));
        refusedAtOnce(() -> devices.parse(DeviceFormat.SHELLY,
                json("{\"sys\":{\"unixtime\":179999999999999999999999995651201},\"switch:0\":{\"apower\":5}}"), ZoneId.of("UTC"), null));
        refusedAtOnce(() -> devices.parse(DeviceFormat.SHELLY,
                json("{\"sys\":{\"unixtime\":9223372036854775},\"switch:0\":{\"apower\":5}}"), ZoneId.of("UTC"), null));
    }

    @Test
    void aYearNoLongHoldsAndAnAbsurdNumberUnderAnIgnoredKeyAreRefusedByEveryPath() {
        refusedAtOnce(() -> parser.parseCsv("ts,powerW\n-922337026-11-26T09:00:00+09:00,1\n"));
        refusedAtOnce(() -> parser.parseJson(json("{\"ts\":\"+999999999-12-31T23:59:59Z\",\"powerW\":1}")));
        refusedAtOnce(() -> devices.parse(DeviceFormat.TASMOTA, json("{\"Time\":\"-999999999-01-01T00:00:00\",\"ENERGY\":{\"Power\":5}}"),
                ZoneId.of("Asia/Seoul"), null));
        // the streaming reader skipped an ignored key's value without reading its numbers; the tree refused the body
        String ignored = "{\"ts\":" + TS + ",\"powerW\":1.5,\"note\":[{\"x\":17951e18651200009}]}";
        refusedAtOnce(() -> parser.parseJson(json(ignored)));
        refusedAtOnce(() -> parser.parseJson(json("{\"readings\":[{\"ts\":" + TS + ",\"powerW\":1,\"x\":1e99999999999}]}")));
        assertThat(parser.parseJson(json("{\"ts\":" + TS + ",\"powerW\":1.5,\"note\":[{\"x\":1e300}]}"))).hasSize(1);
    }

    private static void refusedAtOnce(Executable parse) {
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThatThrownBy(parse::execute).isInstanceOf(InvalidInputException.class));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
