package io.gridpulse.tariff.internal;

import java.math.BigDecimal;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Parses one entry of a tariff's {@code versions}: seasons, energy pricing, fixed charges. */
final class VersionParser {
    private static final int HOURS = 24;

    private VersionParser() {}

    static TariffVersion version(JsonReader r) {
        Map<Month, String> seasons = seasons(r.get("seasons"));
        List<FixedCharge> fixed = new ArrayList<>();
        for (JsonReader f : r.opt("fixedCharges").map(JsonReader::list).orElse(List.of())) {
            fixed.add(new FixedCharge(f.get("item").text(), f.get("label").label(),
                    TariffLoader.enumValue(f.get("per"), FixedCharge.Per.class, null), f.get("amountWon").decimal()));
        }
        return new TariffVersion(r.get("effectiveFrom").date(), r.opt("source").map(JsonReader::text).orElse(""),
                seasons, energy(r.get("energy"), List.copyOf(new LinkedHashSet<>(seasons.values()))), fixed);
    }

    private static Map<Month, String> seasons(JsonReader r) {
        Map<Month, String> seasonOfMonth = new LinkedHashMap<>();
        r.fields().forEach((season, months) -> {
            for (JsonReader m : months.list()) {
                int month = m.intValue();
                if (month < 1 || month > 12 || seasonOfMonth.put(Month.of(month), season) != null) {
                    throw m.error("month " + month + " is invalid or in two seasons");
                }
            }
        });
        if (seasonOfMonth.size() != 12) {
            throw r.error("seasons must cover all 12 months");
        }
        return seasonOfMonth;
    }

    private static EnergyCharge energy(JsonReader r, List<String> seasons) {
        return switch (r.get("type").text()) {
            case "tiered" -> tiered(r, seasons);
            case "flat" -> flat(r, seasons);
            case "timeOfUse" -> timeOfUse(r, seasons);
            default -> throw r.get("type").error("type must be tiered, flat or timeOfUse");
        };
    }

    private static TieredEnergy tiered(JsonReader r, List<String> seasons) {
        Map<String, List<BigDecimal>> limits = new LinkedHashMap<>();
        JsonReader limitsNode = r.get("limitsKwh");
        for (String season : seasons) {
            limits.put(season, limitsNode.get(season).list().stream().map(JsonReader::decimal).toList());
        }
        List<BigDecimal> rates = r.get("wonPerKwh").list().stream().map(JsonReader::decimal).toList();
        List<BigDecimal> basic = r.opt("basicChargeWon").map(b -> b.list().stream().map(JsonReader::decimal).toList())
                .orElse(rates.stream().map(x -> BigDecimal.ZERO).toList());
        List<LocalizedText> names = r.opt("tierNames").map(n -> n.list().stream().map(JsonReader::label).toList())
                .orElse(defaultTierNames(rates.size()));
        Integer superUser = r.opt("superUserTier").map(JsonReader::intValue).orElse(null);
        return new TieredEnergy(limits, rates, basic, superUser, names);
    }

    private static TieredEnergy flat(JsonReader r, List<String> seasons) {
        Map<String, List<BigDecimal>> noLimits = new LinkedHashMap<>();
        seasons.forEach(season -> noLimits.put(season, List.of()));
        return new TieredEnergy(noLimits, List.of(r.get("wonPerKwh").decimal()), List.of(BigDecimal.ZERO), null,
                List.of(new LocalizedText("단일요금", "Flat rate")));
    }

    private static TimeOfUseEnergy timeOfUse(JsonReader r, List<String> seasons) {
        Map<String, List<String>> bandsBySeason = new LinkedHashMap<>();
        Map<String, Map<String, BigDecimal>> rates = new LinkedHashMap<>();
        JsonReader rateNode = r.get("wonPerKwh");
        for (String season : seasons) {
            JsonReader bands = r.opt("seasonBands").flatMap(s -> s.opt(season)).orElseGet(() -> r.get("bands"));
            bandsBySeason.put(season, hourBands(bands));
            Map<String, BigDecimal> seasonRates = new LinkedHashMap<>();
            rateNode.get(season).fields().forEach((band, rate) -> seasonRates.put(band, rate.decimal()));
            rates.put(season, seasonRates);
        }
        Map<String, LocalizedText> names = new LinkedHashMap<>();
        r.opt("bandNames").ifPresent(n -> n.fields().forEach((band, label) -> names.put(band, label.label())));
        bandsBySeason.values().forEach(hours -> hours.forEach(b -> names.putIfAbsent(b, new LocalizedText(b, b))));
        return new TimeOfUseEnergy(bandsBySeason, rates, names);
    }

    /** {"offPeak":"22-8", "mid":"8-16,17-18"} to 24 band names by hour; every hour exactly once. */
    private static List<String> hourBands(JsonReader r) {
        String[] byHour = new String[HOURS];
        r.fields().forEach((band, ranges) -> {
            for (String range : ranges.text().split(",")) {
                String[] ends = range.trim().split("-");
                if (ends.length != 2) {
                    throw ranges.error("hour range must look like 8-16");
                }
                int from = parseHour(ends[0], ranges);
                int to = parseHour(ends[1], ranges);
                int count = to > from ? to - from : to + HOURS - from;
                for (int i = 0; i < count; i++) {
                    int h = (from + i) % HOURS;
                    if (byHour[h] != null) {
                        throw ranges.error("hour " + h + " is in two bands");
                    }
                    byHour[h] = band;
                }
            }
        });
        if (Arrays.asList(byHour).contains(null)) {
            throw r.error("bands must cover all 24 hours");
        }
        return List.of(byHour);
    }

    private static int parseHour(String text, JsonReader at) {
        try {
            int hour = Integer.parseInt(text.trim());
            if (hour >= 0 && hour <= HOURS) {
                return hour;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw at.error("hour must be 0..24: " + text);
    }

    private static List<LocalizedText> defaultTierNames(int count) {
        List<LocalizedText> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(new LocalizedText(i + "단계", "Tier " + i));
        }
        return names;
    }
}
