package io.gridpulse.bench.store;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Named figures of a run, printed as one JSON object or as aligned text. Insertion-ordered. */
public final class StoreBenchReport {
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public void put(String name, Object value) {
        figures.put(name, value);
    }

    public Object get(String name) {
        return figures.get(name);
    }

    /** Adds {@code name} = a / b when both are present and b is not zero. */
    public void ratio(String name, String a, String b) {
        if (figures.get(a) instanceof Number x && figures.get(b) instanceof Number y && y.doubleValue() != 0) {
            put(name, round(x.doubleValue() / y.doubleValue()));
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        figures.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v instanceof String s ? "\"" + s + "\"" : format(v)));
        return sb.append('}').toString();
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        figures.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-44s %s%n", k, format(v))));
        return sb.toString();
    }

    private static String format(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v);
    }
}
