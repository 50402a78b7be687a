package io.gridpulse.ingest.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.IngestLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevicePayloadParserTest {
    private static final long NOW_MS = 1_705_300_000_000L; // 2024-01-15T06:26:40Z
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private final DevicePayloadParser parser = new DevicePayloadParser(
            Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC), IngestLimits.DEFAULTS);

    private List<Reading> parse(DeviceFormat format, String json) {
        return parser.parse(format, json.getBytes(StandardCharsets.UTF_8), SEOUL, null);
    }

    @Test
    void tasmotaSensorPowerInWattsAndTotalInKilowattHoursAtLocalTime() {
        String json = """
                {"Time":"2024-01-15T10:20:30","ENERGY":{"TotalStartTime":"2023-01-01T00:00:00",
                 "Total":123.456,"Yesterday":1.2,"Today":0.5,"Power":345,"Voltage":230,"Current":1.5}}""";

        assertThat(parse(DeviceFormat.TASMOTA, json)).containsExactly(
                new Reading(Instant.parse("2024-01-15T01:20:30Z").toEpochMilli(), 345_000, 123_456_000));
    }

    @Test
    void tasmotaMultiChannelPowerIsSummedAndMissingTimeTakesClock() {
        String json = "{\"ENERGY\":{\"Power\":[100,23.5]}}";

        assertThat(parse(DeviceFormat.TASMOTA, json)).containsExactly(Reading.ofPower(NOW_MS, 123_500));
    }

    @Test
    void tasmotaWithoutEnergyObjectIsRejected() {
        assertThatThrownBy(() -> parse(DeviceFormat.TASMOTA, "{\"Time\":\"2024-01-15T10:20:30\",\"DS18B20\":{}}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("ENERGY"));
    }

    @Test
    void shellyEm3PhasesAreSummedWithTotalsInWattHours() {
        String json = """
                {"unixtime":1705300000,"emeters":[
                 {"power":100.5,"total":1000.25,"is_valid":true},
                 {"power":-20,"total":500,"is_valid":true},
                 {"power":0,"total":0.75,"is_valid":true}]}""";

        assertThat(parse(DeviceFormat.SHELLY, json)).containsExactly(new Reading(1_705_300_000_000L, 80_500, 1_501_000));
    }

    @Test
    void shellyEmChannelPicksOneClamp() {
        String json = "{\"unixtime\":1705300000,\"emeters\":[{\"power\":100,\"total\":10},{\"power\":7,\"total\":20}]}";

        assertThat(parser.parse(DeviceFormat.SHELLY, json.getBytes(StandardCharsets.UTF_8), SEOUL, 1))
                .containsExactly(new Reading(1_705_300_000_000L, 7_000, 20_000));
    }

    @Test
    void shellyPlusSwitchStatusUsesApowerAndAenergyTotal() {
        String json = "{\"id\":0,\"output\":true,\"apower\":12.3,\"voltage\":229.1,"
                + "\"aenergy\":{\"total\":1234.567,\"by_minute\":[0,0,0],\"minute_ts\":1705299960}}";

        assertThat(parse(DeviceFormat.SHELLY, json)).containsExactly(new Reading(1_705_299_960_000L, 12_300, 1_234_567));
    }

    @Test
    void shellyPlusFullStatusReadsSwitchZeroAndSysTime() {
        String json = "{\"sys\":{\"unixtime\":1705300001},\"switch:0\":{\"id\":0,\"apower\":5,\"aenergy\":{\"total\":9}}}";

        assertThat(parse(DeviceFormat.SHELLY, json)).containsExactly(new Reading(1_705_300_001_000L, 5_000, 9_000));
    }

    @Test
    void shellyPayloadWithoutPowerIsRejected() {
        assertThatThrownBy(() -> parse(DeviceFormat.SHELLY, "{\"wifi_sta\":{}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("apower");
    }

    @Test
    void enerTalkMilliUnitsAreStoredWithoutScaling() {
        String json = "{\"timestamp\":1705300000000,\"activePower\":1075412,\"energy\":123456789}";

        assertThat(parse(DeviceFormat.ENERTALK, json)).containsExactly(new Reading(1_705_300_000_000L, 1_075_412, 123_456_789));
    }

    @Test
    void enerTalkItemsBatchWithPositiveEnergy() {
        String json = "{\"items\":[{\"timestamp\":1705300000000,\"activePower\":1000,\"positiveEnergy\":5},"
                + "{\"timestamp\":1705300001000,\"activePower\":2000}]}";

        assertThat(parse(DeviceFormat.ENERTALK, json)).containsExactly(
                new Reading(1_705_300_000_000L, 1_000, 5), Reading.ofPower(1_705_300_001_000L, 2_000));
    }

    @Test
    void enerTalkBadItemNamesItsRow() {
        String json = "[{\"timestamp\":1705300000000,\"activePower\":1},{\"timestamp\":\"soon\",\"activePower\":1}]";

        assertThatThrownBy(() -> parse(DeviceFormat.ENERTALK, json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.row()).isEqualTo(1));
    }

    @Test
    void futureTimestampIsRejected() {
        String json = "{\"timestamp\":" + (NOW_MS + 3_600_000) + ",\"activePower\":1}";

        assertThatThrownBy(() -> parse(DeviceFormat.ENERTALK, json)).hasMessageContaining("future");
    }

    @Test
    void malformedJsonIsRejected() {
        assertThatThrownBy(() -> parse(DeviceFormat.TASMOTA, "{\"ENERGY\":")).hasMessageContaining("malformed JSON");
    }

    @Test
    void unknownFormatNameIsRejected() {
        assertThatThrownBy(() -> DeviceFormat.parse("fronius")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tasmota, shelly or enertalk");
        assertThat(DeviceFormat.parse("Shelly")).isEqualTo(DeviceFormat.SHELLY);
    }
}
