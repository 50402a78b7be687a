package io.gridpulse.ingest.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.IngestLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LineProtocolParserTest {
    private static final long NOW_MS = 1_700_000_000_000L;
    private final LineProtocolParser parser = new LineProtocolParser(
            Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC), IngestLimits.DEFAULTS);

    @Test
    void powerLineWithNanosecondTimestampBecomesMilliwattReading() {
        LineProtocolBatch batch = parser.parse("power,meter=house value=1234.5 1699999999000000000", LinePrecision.NANOSECONDS);

        assertThat(batch.readingsByMeter().get(new MeterId("house")))
                .containsExactly(Reading.ofPower(1_699_999_999_000L, 1_234_500));
    }

    @Test
    void powerWAndEnergyWhFieldsWithIntegerSuffixAreRead() {
        LineProtocolBatch batch = parser.parse("power,meter=m1 powerW=500i,energyWh=12000.5 1699999999", LinePrecision.SECONDS);

        assertThat(batch.readingsByMeter().get(new MeterId("m1")))
                .containsExactly(new Reading(1_699_999_999_000L, 500_000, 12_000_500));
    }

    @Test
    void readingsAreGroupedPerMeterAndOtherMeasurementsCounted() {
        String body = """
                # comment
                power,meter=a value=1 1699999998000
                cpu,host=x usage_idle=99 1699999998000
                power,meter=b value=2 1699999998000

                power,meter=a value=3 1699999999000
                """;
        LineProtocolBatch batch = parser.parse(body, LinePrecision.MILLISECONDS);

        assertThat(batch.readingsByMeter().get(new MeterId("a"))).hasSize(2);
        assertThat(batch.readingsByMeter().get(new MeterId("b"))).hasSize(1);
        assertThat(batch.ignoredLines()).isEqualTo(1);
        assertThat(batch.readingCount()).isEqualTo(3);
    }

    @Test
    void lineWithoutTimestampTakesServerClock() {
        LineProtocolBatch batch = parser.parse("power,meter=a value=7", LinePrecision.NANOSECONDS);

        assertThat(batch.readingsByMeter().get(new MeterId("a")).get(0).timestampMs()).isEqualTo(NOW_MS);
    }

    @Test
    void escapedSpacesAndQuotedStringFieldsAreHonoured() {
        String line = "power,meter=a,room=living\\ room note=\"a b, c=d\",value=10 1699999999000";
        LineProtocolBatch batch = parser.parse(line, LinePrecision.MILLISECONDS);

        assertThat(batch.readingsByMeter().get(new MeterId("a"))).containsExactly(Reading.ofPower(1_699_999_999_000L, 10_000));
    }

    @Test
    void badLineRejectsWholeRequestNamingTheLine() {
        String body = "power,meter=a value=1 1699999999000\npower,meter=a value=abc 1699999999001\n";

        assertThatThrownBy(() -> parser.parse(body, LinePrecision.MILLISECONDS))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.row()).isEqualTo(1);
                    assertThat(e.getMessage()).startsWith("line 2:").contains("numeric");
                });
    }

    @Test
    void missingMeterTagIsRejected() {
        assertThatThrownBy(() -> parser.parse("power value=1 1", LinePrecision.SECONDS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tag 'meter'");
    }

    @Test
    void missingPowerFieldIsRejected() {
        assertThatThrownBy(() -> parser.parse("power,meter=a energyWh=1 1700000000", LinePrecision.SECONDS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'value'");
    }

    @Test
    void timestampInWrongPrecisionFarInFutureIsRejected() {
        assertThatThrownBy(() -> parser.parse("power,meter=a value=1 1699999999000", LinePrecision.SECONDS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("future");
    }

    @Test
    void timestampInWrongPrecisionBefore2000IsRejected() {
        assertThatThrownBy(() -> parser.parse("power,meter=a value=1 1699999999", LinePrecision.MILLISECONDS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("before 2000-01-01T00:00:00Z; is precision=milliseconds right?");
    }

    @Test
    void lineWithoutFieldsIsRejected() {
        assertThatThrownBy(() -> parser.parse("power,meter=a", LinePrecision.SECONDS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 1");
    }

    @Test
    void moreReadingsThanLimitIsPayloadTooLarge() {
        LineProtocolParser small = new LineProtocolParser(Clock.systemUTC(), new IngestLimits(1, 0));

        assertThatThrownBy(() -> small.parse("power,meter=a value=1 1700000000\npower,meter=a value=2 1700000001",
                LinePrecision.SECONDS))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void precisionNamesOfV1AndV2AreAccepted() {
        assertThat(LinePrecision.parse("u")).isEqualTo(LinePrecision.MICROSECONDS);
        assertThat(LinePrecision.parse("us")).isEqualTo(LinePrecision.MICROSECONDS);
        assertThat(LinePrecision.parse(null)).isEqualTo(LinePrecision.NANOSECONDS);
        assertThat(LinePrecision.parse("h").toEpochMillis(1)).isEqualTo(3_600_000L);
        assertThatThrownBy(() -> LinePrecision.parse("weeks")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void homeAssistantStyleKilowattPointsMapThroughAConfiguredMapping() {
        LineProtocolMapping homeAssistant = new LineProtocolMapping("kW", "entity_id", java.util.List.of("value"), "energy_kwh", true);
        LineProtocolParser ha = new LineProtocolParser(Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC),
                IngestLimits.DEFAULTS, homeAssistant);

        LineProtocolBatch batch = ha.parse("""
                kW,domain=sensor,entity_id=house_power value=1.2345,energy_kwh=12.5 1699999999000
                W,domain=sensor,entity_id=fridge value=80 1699999999000
                power,meter=house value=1 1699999999000
                """, LinePrecision.MILLISECONDS);

        assertThat(batch.readingsByMeter().get(new MeterId("house_power")))
                .containsExactly(new Reading(1_699_999_999_000L, 1_234_500, 12_500_000));
        assertThat(batch.ignoredLines()).isEqualTo(2);
        assertThatThrownBy(() -> ha.parse("kW,domain=sensor value=1 1699999999000", LinePrecision.MILLISECONDS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("entity_id");
    }
}
