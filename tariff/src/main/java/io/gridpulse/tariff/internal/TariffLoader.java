package io.gridpulse.tariff.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the catalogue file, its shared schedules and every listed tariff file, and validates
 * them ({@link TariffValidator}). Any problem raises {@link TariffDataException} naming file and field.
 */
public final class TariffLoader {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Function<String, InputStream> opener;
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();

    /** @param opener opens a data file by its name relative to the catalogue; null when absent */
    public TariffLoader(Function<String, InputStream> opener) {
        this.opener = opener;
    }

    /** Loads every tariff listed in the catalogue file, by id, in file order. */
    public Map<String, Tariff> load(String catalogFile) {
        JsonReader catalog = read(catalogFile);
        if (catalog.get("schemaVersion").intValue() != SCHEMA_VERSION) {
            throw catalog.error("schemaVersion must be " + SCHEMA_VERSION);
        }
        catalog.opt("schedules").ifPresent(s -> s.fields().forEach((name, r) -> schedules.put(name, schedule(name, r))));
        Map<String, Tariff> tariffs = new LinkedHashMap<>();
        for (JsonReader file : catalog.get("tariffs").list()) {
            Tariff tariff = tariff(read(file.text()));
            TariffValidator.validate(tariff);
            if (tariffs.put(tariff.id(), tariff) != null) {
                throw file.error("duplicate tariff id " + tariff.id());
            }
        }
        return tariffs;
    }

    private JsonReader read(String file) {
        try (InputStream in = opener.apply(file)) {
            if (in == null) {
                throw new TariffDataException("tariff data file not found: " + file);
            }
            return new JsonReader(MAPPER.readTree(in), file);
        } catch (IOException e) {
            throw new TariffDataException("cannot read tariff data file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Schedule schedule(String name, JsonReader r) {
        List<Schedule.Step> steps = new ArrayList<>();
        for (JsonReader step : r.get("steps").list()) {
            steps.add(new Schedule.Step(step.get("from").date(), step.get("value").decimal()));
        }
        Schedule schedule = new Schedule(name, r.get("unit").text(), steps);
        TariffValidator.validate(schedule, r);
        return schedule;
    }

    private Tariff tariff(JsonReader r) {
        JsonReader rounding = r.get("rounding");
        List<TariffVersion> versions = new ArrayList<>();
        for (JsonReader v : r.get("versions").list()) {
            versions.add(VersionParser.version(v));
        }
        List<PerKwhCharge> adders = new ArrayList<>();
        for (JsonReader a : r.opt("perKwhCharges").map(JsonReader::list).orElse(List.of())) {
            adders.add(new PerKwhCharge(a.get("item").text(), a.get("label").label(), scheduleRef(a.get("schedule")),
                    enumValue(a.opt("proration").orElse(null), PerKwhCharge.Proration.class, PerKwhCharge.Proration.DAYS)));
        }
        return new Tariff(r.get("id").text(), r.get("name").label(), zone(r.get("zone")),
                r.opt("billedEnergyStepKwh").map(JsonReader::decimal).orElse(null), versions, adders,
                r.opt("deduction").map(this::deduction).orElse(null), tax(r.get("vat")),
                r.opt("fund").map(this::tax).orElse(null),
                rounding(rounding.get("charges")), rounding(rounding.get("total")));
    }

    private Deduction deduction(JsonReader r) {
        return new Deduction(r.get("item").text(), r.get("label").label(), scheduleRef(r.get("schedule")),
                r.get("maxKwh").decimal(), r.get("minimumChargeWon").longValue());
    }

    private TaxRule tax(JsonReader r) {
        return new TaxRule(r.get("item").text(), r.get("label").label(), scheduleRef(r.get("schedule")),
                r.opt("perRateRounding").map(TariffLoader::rounding).orElse(null), rounding(r.get("rounding")));
    }

    private Schedule scheduleRef(JsonReader r) {
        Schedule schedule = schedules.get(r.text());
        if (schedule == null) {
            throw r.error("unknown schedule '" + r.text() + "' (define it under 'schedules' in the catalogue)");
        }
        return schedule;
    }

    static RoundingRule rounding(JsonReader r) {
        long step = r.get("stepWon").longValue();
        if (step < 1) {
            throw r.error("stepWon must be >= 1");
        }
        return new RoundingRule(step, enumValue(r.get("mode"), RoundingMode.class, null));
    }

    static <E extends Enum<E>> E enumValue(JsonReader r, Class<E> type, E defaultValue) {
        if (r == null) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, r.text());
        } catch (IllegalArgumentException e) {
            throw r.error("unknown value '" + r.text() + "' for " + type.getSimpleName());
        }
    }

    private static ZoneId zone(JsonReader r) {
        try {
            return ZoneId.of(r.text());
        } catch (DateTimeException e) {
            throw r.error("unknown time zone");
        }
    }
}
