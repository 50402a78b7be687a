package io.gridpulse.ingest.lineprotocol;

import java.util.Map;

/**
 * One line of InfluxDB line protocol, unescaped but not yet interpreted.
 *
 * @param measurement the measurement name
 * @param tags tag keys to values, in line order
 * @param fields field keys to their raw values (numbers keep their {@code i}/{@code u} suffix,
 *     strings keep their quotes)
 * @param timestamp the raw timestamp text, or empty when the line has none
 */
public record LinePoint(String measurement, Map<String, String> tags, Map<String, String> fields, String timestamp) {}
