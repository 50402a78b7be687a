package io.gridpulse.ingest.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.ReadingParsers;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Shelly status JSON, either generation:
 *
 * <ul>
 *   <li>Gen1 EM / 3EM {@code GET /status}: {@code {"unixtime":1700000000,"emeters":[{"power":123.4,
 *       "total":45678.9,...},...]}} — {@code power} W, {@code total} Wh. All emeters are summed (the
 *       phases of a 3EM make the house total), or {@code channel} picks one.
 *   <li>Gen2+ Plus component status, e.g. {@code Switch.GetStatus}: {@code {"id":0,"apower":12.3,
 *       "aenergy":{"total":1234.5,"minute_ts":1700000000}}}, or the full {@code Shelly.GetStatus}
 *       with {@code "switch:0"} / {@code "pm1:0"} objects ({@code channel} picks N, default 0).
 * </ul>
 *
 * <p>Time: {@code unixtime}, {@code sys.unixtime} or {@code aenergy.minute_ts} (seconds); else the
 * server clock.
 */
final class ShellyStatus {
    private ShellyStatus() {}

    static List<Reading> readings(JsonNode root, Integer channel, long nowMs) {
        if (root.has("emeters")) {
            return List.of(gen1(root, channel, nowMs));
        }
        JsonNode component = root.has("apower") ? root : component(root, channel == null ? 0 : channel);
        return List.of(gen2(component, root, nowMs));
    }

    private static Reading gen1(JsonNode root, Integer channel, long nowMs) {
        JsonNode meters = root.get("emeters");
        if (!meters.isArray() || meters.isEmpty()) {
            throw new InvalidInputException("emeters", "emeters must be a non-empty array");
        }
        int from = channel == null ? 0 : checkedChannel(channel, meters.size());
        int to = channel == null ? meters.size() : channel + 1;
        BigDecimal powerW = BigDecimal.ZERO;
        BigDecimal totalWh = BigDecimal.ZERO;
        boolean allTotals = true;
        for (int i = from; i < to; i++) {
            powerW = powerW.add(DeviceJson.number(meters.get(i), "power", "emeters[" + i + "].power"));
            BigDecimal total = DeviceJson.optionalNumber(meters.get(i), "total", "emeters[" + i + "].total");
            allTotals &= total != null;
            totalWh = total == null ? totalWh : totalWh.add(total);
        }
        long energy = allTotals ? ReadingParsers.checkedEnergy(totalWh) : Reading.NO_ENERGY;
        return new Reading(seconds(root.get("unixtime"), nowMs), ReadingParsers.checkedPower(powerW, "emeters.power"), energy);
    }

    private static Reading gen2(JsonNode component, JsonNode root, long nowMs) {
        long powerMilliwatts = ReadingParsers.checkedPower(DeviceJson.number(component, "apower", "apower"), "apower");
        JsonNode aenergy = component.get("aenergy");
        BigDecimal totalWh = aenergy == null ? null : DeviceJson.optionalNumber(aenergy, "total", "aenergy.total");
        long energy = totalWh == null ? Reading.NO_ENERGY : ReadingParsers.checkedEnergy(totalWh);
        JsonNode time = root.path("sys").get("unixtime");
        if (time == null && aenergy != null) {
            time = aenergy.get("minute_ts");
        }
        return new Reading(seconds(time, nowMs), powerMilliwatts, energy);
    }

    /** The {@code switch:N}, {@code pm1:N} or {@code em1:N} object of a full Shelly.GetStatus. */
    private static JsonNode component(JsonNode root, int channel) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().matches("(switch|pm1|em1|cover|light):" + channel) && e.getValue().has("apower")) {
                return e.getValue();
            }
        }
        throw new InvalidInputException("apower", "no emeters[], apower or switch:" + channel + ".apower in Shelly payload");
    }

    private static int checkedChannel(int channel, int count) {
        if (channel < 0 || channel >= count) {
            throw new InvalidInputException("channel", "channel " + channel + " does not exist; payload has " + count);
        }
        return channel;
    }

    private static long seconds(JsonNode unixSeconds, long nowMs) {
        if (unixSeconds == null || unixSeconds.isNull()) {
            return nowMs;
        }
        if (!unixSeconds.isIntegralNumber()) {
            throw new InvalidInputException("unixtime", "unixtime must be integer seconds, got " + unixSeconds);
        }
        if (!unixSeconds.canConvertToLong() || unixSeconds.longValue() > Long.MAX_VALUE / 1000
                || unixSeconds.longValue() < Long.MIN_VALUE / 1000) {
            throw new InvalidInputException("unixtime", "unixtime " + unixSeconds + " is out of range");
        }
        return unixSeconds.longValue() * 1000L;
    }
}
