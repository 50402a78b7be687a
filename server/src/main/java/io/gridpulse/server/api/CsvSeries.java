package io.gridpulse.server.api;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.Units;
import io.gridpulse.store.ReadingColumns;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The CSV form of {@code /power} and {@code /usage} ({@code ?format=csv}, or {@code Accept:
 * text/csv} without {@code format}): what a household opens in a spreadsheet and a researcher
 * loads as a table. Times are ISO-8601 with the meter's offset, so raw rows post back unchanged
 * as readings ({@code ts,powerW,energyWh}, an empty energy cell where a reading has none).
 */
public final class CsvSeries {
    public static final String RAW_HEADER = "ts,powerW,energyWh\n";
    public static final String ROLLUP_HEADER = "ts,avgW,minW,maxW,energyWh,samples\n";
    static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private CsvSeries() {}

    /** Whether the caller asked for CSV; 400 for a format other than csv or json. */
    static boolean wanted(Context ctx) {
        String format = ctx.queryParam("format");
        if (format == null) {
            String accept = ctx.header("Accept");
            return accept != null && accept.toLowerCase().startsWith("text/csv");
        }
        return switch (format) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw new InvalidInputException("format", "format must be csv or json, got '" + format + "'");
        };
    }

    static void raw(Context ctx, String meterId, ReadingColumns readings, ZoneId zone) throws IOException {
        try (Writer out = start(ctx, meterId, "raw")) {
            out.write(RAW_HEADER);
            rawRows(out, readings, zone);
        }
    }

    /** Rollup rows as {@code /power} gives them: {@code ts,avgW,minW,maxW,energyWh,samples}. */
    static void rollups(Context ctx, String meterId, String step, List<Rollup> rollups, ZoneId zone) throws IOException {
        try (Writer out = start(ctx, meterId, step)) {
            out.write(ROLLUP_HEADER);
            rollupRows(out, rollups, zone);
        }
    }

    /** Energy per bucket as {@code /usage} gives it: {@code ts,energyWh}. */
    static void usage(Context ctx, String meterId, String step, List<Rollup> rollups, ZoneId zone) throws IOException {
        try (Writer out = start(ctx, meterId, "usage-" + step)) {
            out.write("ts,energyWh\n");
            for (Rollup r : rollups) {
                out.write(time(r.bucketStartMs(), zone) + ',' + plain(Json.wattHours(r.energyNanowattHours())) + '\n');
            }
        }
    }

    /** Raw rows ({@link #RAW_HEADER}), also for {@code gridpulse export}. */
    public static void rawRows(Writer out, ReadingColumns readings, ZoneId zone) throws IOException {
        char[] number = new char[Units.PLAIN_THOUSANDTHS_MAX_CHARS];
        for (int i = 0; i < readings.size(); i++) {
            out.write(time(readings.timestampMs(i), zone));
            out.write(',');
            thousandths(out, readings.powerMilliwatts(i), number);
            out.write(',');
            if (readings.hasEnergy(i)) {
                thousandths(out, readings.energyMilliwattHours(i), number);
            }
            out.write('\n');
        }
    }

    /** Rollup rows ({@link #ROLLUP_HEADER}), also for {@code gridpulse export}. */
    public static void rollupRows(Writer out, List<Rollup> rollups, ZoneId zone) throws IOException {
        for (Rollup r : rollups) {
            boolean empty = r.samples() == 0;
            out.write(time(r.bucketStartMs(), zone) + ',' + plain(Json.watts(Math.round(r.averagePowerMilliwatts())))
                    + ',' + (empty ? "" : plain(Json.watts(r.minPowerMilliwatts())))
                    + ',' + (empty ? "" : plain(Json.watts(r.maxPowerMilliwatts())))
                    + ',' + plain(Json.wattHours(r.energyNanowattHours())) + ',' + r.samples() + '\n');
        }
    }

    private static Writer start(Context ctx, String meterId, String what) throws IOException {
        ctx.contentType(CONTENT_TYPE);
        // a browser saves it under this name; a meter id may hold characters a file name should not
        String name = (meterId + "-" + what).replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
        return new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 1 << 16);
    }

    private static String time(long ms, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    private static void thousandths(Writer out, long thousandths, char[] text) throws IOException {
        int start = Units.plainThousandths(thousandths, text);
        out.write(text, start, text.length - start);
    }
}
