package io.gridpulse.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.gridpulse.store.ReadingColumns;
import java.io.IOException;

/**
 * A raw series' points, {@code {"ts":…,"powerW":…[,"energyWh":…]}} each, written by Jackson
 * straight from the store's columns: a day at 1 Hz is 86,400 points, and one map with two
 * BigDecimals per point was most of such a request's time. The text is what
 * {@link Json#reading} gives through the server's mapper (RawPointsTest compares the bytes).
 */
final class RawPoints implements JsonSerializable {
    private static final SerializableString TS = new SerializedString("ts");
    private static final SerializableString POWER_W = new SerializedString("powerW");
    private static final SerializableString ENERGY_WH = new SerializedString("energyWh");
    /** "-9223372036854775.808", the longest value. */
    static final int MAX_CHARS = 21;

    private final ReadingColumns readings;

    RawPoints(ReadingColumns readings) {
        this.readings = readings;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        char[] text = new char[MAX_CHARS];
        gen.writeStartArray(readings, readings.size());
        for (int i = 0; i < readings.size(); i++) {
            gen.writeStartObject();
            gen.writeFieldName(TS);
            gen.writeNumber(readings.timestampMs(i));
            gen.writeFieldName(POWER_W);
            writeThousandths(gen, readings.powerMilliwatts(i), text);
            if (readings.hasEnergy(i)) {
                gen.writeFieldName(ENERGY_WH);
                writeThousandths(gen, readings.energyMilliwattHours(i), text);
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(gen, serializers); // never polymorphic: plain JSON arrays
    }

    private static void writeThousandths(JsonGenerator gen, long thousandths, char[] text) throws IOException {
        int start = plainThousandths(thousandths, text);
        gen.writeNumber(text, start, text.length - start);
    }

    /**
     * Writes {@code thousandths / 1000} as plain decimal text ending at the end of {@code text}
     * (length ≥ {@link #MAX_CHARS}) and returns where it starts: no exponent, no trailing zeros
     * after the point and no point for whole numbers — BigDecimal's {@code valueOf(v, 3)
     * .stripTrailingZeros().toPlainString()}, without the BigDecimal.
     */
    static int plainThousandths(long thousandths, char[] text) {
        int at = text.length;
        int fraction = (int) Math.abs(thousandths % 1000);
        if (fraction != 0) {
            int digits = 3;
            for (; fraction % 10 == 0; fraction /= 10) {
                digits--;
            }
            for (; digits > 0; digits--, fraction /= 10) {
                text[--at] = (char) ('0' + fraction % 10);
            }
            text[--at] = '.';
        }
        long whole = Math.abs(thousandths / 1000); // divided first: Long.MIN_VALUE has no positive counterpart
        do {
            text[--at] = (char) ('0' + whole % 10);
            whole /= 10;
        } while (whole != 0);
        if (thousandths < 0) {
            text[--at] = '-';
        }
        return at;
    }
}
