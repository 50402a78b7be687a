package io.gridpulse.bench.fuzz;

import io.gridpulse.core.Reading;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.ingest.device.DeviceFormat;
import io.gridpulse.ingest.device.DevicePayloadParser;
import java.time.ZoneId;
import java.util.List;

/** Devices' own JSON (Tasmota, Shelly, EnerTalk), each body tried in every format. */
final class DevicePayloadTarget implements FuzzTarget {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private final DevicePayloadParser parser = new DevicePayloadParser(Outcome.CLOCK, IngestLimits.DEFAULTS);

    @Override
    public String name() {
        return "device-payloads";
    }

    @Override
    public List<byte[]> seeds() {
        long s = Outcome.SEED_DAY_MS / 1000;
        return FuzzRun.utf8(List.of(
                "{\"Time\":\"2026-11-26T10:20:30\",\"ENERGY\":{\"TotalStartTime\":\"2023-01-01T00:00:00\",\"Total\":123.456,"
                        + "\"Power\":345,\"Voltage\":230,\"Current\":1.5}}",
                "{\"unixtime\":" + s + ",\"emeters\":[{\"power\":100,\"total\":10},{\"power\":7,\"total\":20}]}",
                "{\"sys\":{\"unixtime\":" + (s + 1) + "},\"switch:0\":{\"id\":0,\"apower\":5,\"aenergy\":{\"total\":9}}}",
                "{\"id\":0,\"output\":true,\"apower\":12.3,\"voltage\":229.1,\"aenergy\":{\"total\":1.5}}",
                "{\"timestamp\":" + Outcome.SEED_DAY_MS + ",\"activePower\":1075412,\"energy\":123456789}",
                "{\"items\":[{\"timestamp\":" + Outcome.SEED_DAY_MS + ",\"activePower\":1000,\"positiveEnergy\":5},"
                        + "{\"timestamp\":" + (Outcome.SEED_DAY_MS + 1000) + ",\"activePower\":2000}]}"));
    }

    @Override
    public void check(byte[] input) throws Exception {
        for (DeviceFormat format : DeviceFormat.values()) {
            for (Integer channel : new Integer[] {null, 1}) {
                Outcome outcome = Outcome.of(() -> parser.parse(format, input, SEOUL, channel));
                if (outcome.accepted()) {
                    @SuppressWarnings("unchecked")
                    List<Reading> readings = (List<Reading>) outcome.value();
                    Outcome.checkAccepted(readings, IngestLimits.DEFAULTS);
                }
            }
        }
    }
}
