package io.gridpulse.ingest.lineprotocol;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.ingest.ReadingParsers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps InfluxDB line protocol to readings, so Telegraf and Home Assistant can push unchanged.
 *
 * <p>Mapping ({@link LineProtocolMapping}, default: measurement {@code power}, tag {@code meter} is
 * the meter id, field {@code powerW} or {@code value} is active power in W, optional field
 * {@code energyWh} the cumulative import register in Wh). Lines of other measurements are skipped
 * and counted; other tags and fields are ignored. A line without timestamp takes the server clock.
 *
 * <p>All-or-nothing: the first bad line rejects the request with an {@link
 * InvalidInputException} whose row is the zero-based line index and whose message names the
 * one-based line number. Thread-safe (stateless apart from the clock and a cache of meter ids).
 */
public final class LineProtocolParser {
    private final Clock clock;
    private final IngestLimits limits;
    private final LineProtocolMapping mapping;
    private final LineScanner scanner;

    public LineProtocolParser(Clock clock, IngestLimits limits) {
        this(clock, limits, LineProtocolMapping.DEFAULT);
    }

    public LineProtocolParser(Clock clock, IngestLimits limits, LineProtocolMapping mapping) {
        this.clock = clock;
        this.limits = limits;
        this.mapping = mapping;
        this.scanner = new LineScanner(mapping);
    }

    /**
     * The body as sent. Common bodies are scanned in place ({@link LineScanner}); anything else,
     * and every body with a bad line, goes through {@link #parse(String, LinePrecision)}, the
     * reference for what is accepted and how a refusal reads.
     */
    public LineProtocolBatch parse(byte[] body, LinePrecision precision) {
        LineProtocolBatch scanned = scanner.scan(body, precision, clock.millis(), limits);
        return scanned != null ? scanned : parse(new String(body, StandardCharsets.UTF_8), precision);
    }

    public LineProtocolBatch parse(String body, LinePrecision precision) {
        Map<MeterId, List<Reading>> byMeter = new LinkedHashMap<>();
        String[] lines = body.split("\n", -1);
        int ignored = 0;
        int readings = 0;
        long nowMs = clock.millis();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                LinePoint point = LineSyntax.parse(line);
                if (!point.measurement().equals(mapping.measurement())) {
                    ignored++;
                    continue;
                }
                if (++readings > limits.maxBatchReadings()) {
                    throw new PayloadTooLargeException("request has more than " + limits.maxBatchReadings() + " readings");
                }
                byMeter.computeIfAbsent(meter(point), m -> new ArrayList<>()).add(reading(point, precision, nowMs));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.field(), i, "line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new LineProtocolBatch(byMeter, ignored);
    }

    private MeterId meter(LinePoint point) {
        String id = point.tags().get(mapping.meterTag());
        if (id == null) {
            throw new InvalidInputException(mapping.meterTag(), "tag '" + mapping.meterTag() + "' (the meter id) is missing");
        }
        return new MeterId(id);
    }

    private Reading reading(LinePoint point, LinePrecision precision, long nowMs) {
        long timestampMs = timestampMs(point.timestamp(), precision, nowMs);
        if (timestampMs > nowMs + limits.maxFutureMs()) {
            throw new InvalidInputException("timestamp", "timestamp is more than " + limits.maxFutureMs() / 1000
                    + " s in the future; is precision=" + precision.name().toLowerCase() + " right?");
        }
        if (timestampMs < IngestLimits.EARLIEST_TIMESTAMP_MS) {
            throw new InvalidInputException("timestamp", "timestamp is before 2000-01-01T00:00:00Z; is precision="
                    + precision.name().toLowerCase() + " right?");
        }
        String power = mapping.powerFields().stream().filter(point.fields()::containsKey).findFirst().orElse(null);
        if (power == null) {
            String unit = mapping.kilo() ? "kW" : "W";
            throw new InvalidInputException(mapping.powerFields().get(0), "field '" + String.join("' or '", mapping.powerFields())
                    + "' (power in " + unit + ") is missing");
        }
        long powerMilliwatts = ReadingParsers.checkedPower(mapping.toBaseUnit(number(point.fields().get(power), power)), power);
        String energyText = point.fields().get(mapping.energyField());
        long energyMilliwattHours = energyText == null
                ? Reading.NO_ENERGY
                : ReadingParsers.checkedEnergy(mapping.toBaseUnit(number(energyText, mapping.energyField())));
        return new Reading(timestampMs, powerMilliwatts, energyMilliwattHours);
    }

    private static long timestampMs(String text, LinePrecision precision, long nowMs) {
        if (text.isEmpty()) {
            return nowMs;
        }
        try {
            return precision.toEpochMillis(Long.parseLong(text));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException("timestamp", "timestamp '" + text + "' is not an integer");
        }
    }

    /** A numeric field value: float, or integer with {@code i}/{@code u} suffix. */
    private static BigDecimal number(String raw, String field) {
        String text = raw.endsWith("i") || raw.endsWith("u") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "field '" + field + "' must be numeric, got " + raw);
        }
    }
}
