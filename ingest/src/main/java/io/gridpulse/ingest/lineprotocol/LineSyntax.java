package io.gridpulse.ingest.lineprotocol;

import io.gridpulse.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits one line of InfluxDB line protocol ({@code measurement[,tag=v...] field=v[,field=v...]
 * [timestamp]}) into its parts, honouring backslash escapes and double-quoted string fields.
 * Knows nothing about what the names mean; see {@link LineProtocolParser} for the mapping.
 */
final class LineSyntax {
    private static final String SHAPE = "expected 'measurement[,tag=value...] field=value[,...] [timestamp]'";

    private LineSyntax() {}

    static LinePoint parse(String line) {
        int keyEnd = unescapedIndex(line, 0, ' ', false);
        if (keyEnd <= 0) {
            throw new InvalidInputException("line", "no fields: " + SHAPE);
        }
        int fieldsEnd = unescapedIndex(line, keyEnd + 1, ' ', true);
        String fieldSet = fieldsEnd < 0 ? line.substring(keyEnd + 1) : line.substring(keyEnd + 1, fieldsEnd);
        String timestamp = fieldsEnd < 0 ? "" : line.substring(fieldsEnd + 1).trim();
        List<String> keyParts = split(line.substring(0, keyEnd), ',', false);
        String measurement = unescape(keyParts.get(0));
        if (measurement.isEmpty()) {
            throw new InvalidInputException("line", "measurement is empty: " + SHAPE);
        }
        return new LinePoint(measurement, pairs(keyParts.subList(1, keyParts.size()), "tag"),
                pairs(split(fieldSet, ',', true), "field"), timestamp);
    }

    private static Map<String, String> pairs(List<String> parts, String kind) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : parts) {
            int eq = unescapedIndex(part, 0, '=', false);
            if (eq <= 0 || eq == part.length() - 1) {
                throw new InvalidInputException("line", kind + " '" + part + "' is not key=value");
            }
            String value = part.substring(eq + 1);
            out.put(unescape(part.substring(0, eq)), kind.equals("tag") ? unescape(value) : value);
        }
        if (kind.equals("field") && out.isEmpty()) {
            throw new InvalidInputException("line", "no fields: " + SHAPE);
        }
        return out;
    }

    private static List<String> split(String text, char separator, boolean quotesMatter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int at; (at = unescapedIndex(text, start, separator, quotesMatter)) >= 0; start = at + 1) {
            parts.add(text.substring(start, at));
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** Index of the first {@code wanted} not escaped by a backslash (nor inside quotes), or -1. */
    static int unescapedIndex(String text, int from, char wanted, boolean quotesMatter) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (quotesMatter && c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == wanted) {
                return i;
            }
        }
        return -1;
    }

    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
