package io.gridpulse.ingest.dataset;

import io.gridpulse.core.InvalidInputException;
import java.time.ZoneId;

/** File formats of real household datasets that GridPulse reads. */
public enum DatasetFormat {
    /** GJW UK home: {@code yyyy-MM-dd HH:mm:ss,W}, no header, change-only, UK local time. */
    GJW(ZoneId.of("Europe/London")),
    /** REDD low_freq channel: {@code <unix seconds> <watts>}. */
    REDD(ZoneId.of("UTC")),
    /** UK-DALE channel: {@code <unix seconds> <watts>} per line, exactly like REDD. */
    UKDALE(ZoneId.of("UTC")),
    /** tracebase appliance trace: {@code dd/MM/yyyy HH:mm:ss;P_1s;P_8s}, Darmstadt local time. */
    TRACEBASE(ZoneId.of("Europe/Berlin")),
    /** GridPulse CSV: header {@code ts,powerW[,energyWh]}, ts in epoch ms or ISO-8601. */
    CSV(ZoneId.of("UTC"));

    private final ZoneId defaultZone;

    DatasetFormat(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    /** The zone in which the format's local timestamps were recorded. */
    public ZoneId defaultZone() {
        return defaultZone;
    }

    public static DatasetFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format", "unknown format '" + name + "'; use gjw, redd, ukdale, tracebase or csv");
        }
    }
}
