package io.gridpulse.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.gridpulse.core.Units;
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
    private final ReadingColumns readings;

    RawPoints(ReadingColumns readings) {
        this.readings = readings;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        char[] text = new char[Units.PLAIN_THOUSANDTHS_MAX_CHARS];
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
        int start = Units.plainThousandths(thousandths, text);
        gen.writeNumber(text, start, text.length - start);
    }
}
