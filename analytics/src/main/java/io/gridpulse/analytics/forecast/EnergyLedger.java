package io.gridpulse.analytics.forecast;

import io.gridpulse.analytics.series.MinuteAverage;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Energy per local day and hour from minute means, the state the forecasters read. A running
 * meter's ledger keeps the last {@link #MAX_DAYS} days; one built from a given list of minutes
 * ({@link #of}) keeps all their days. Not thread-safe.
 */
public final class EnergyLedger {
    static final int MAX_DAYS = 120;

    private final ZoneId zone;
    private final int maxDays;
    private final NavigableMap<LocalDate, double[]> hourly = new TreeMap<>();
    private final NavigableMap<LocalDate, Integer> covered = new TreeMap<>();

    public EnergyLedger(ZoneId zone) {
        this(zone, MAX_DAYS);
    }

    private EnergyLedger(ZoneId zone, int maxDays) {
        this.zone = zone;
        this.maxDays = maxDays;
    }

    /** Every day of the minutes (a backtest over months needs them all). */
    public static EnergyLedger of(List<MinuteAverage> minutes, ZoneId zone) {
        EnergyLedger l = new EnergyLedger(zone, Integer.MAX_VALUE);
        minutes.forEach(l::add);
        return l;
    }

    public ZoneId zone() {
        return zone;
    }

    public void add(MinuteAverage m) {
        if (!m.covered()) {
            return;
        }
        ZonedDateTime local = Instant.ofEpochMilli(m.startMs()).atZone(zone);
        LocalDate day = local.toLocalDate();
        hourly.computeIfAbsent(day, d -> new double[24])[local.getHour()] += m.energyWattHours();
        covered.merge(day, 1, Integer::sum);
        while (hourly.size() > maxDays) {
            covered.remove(hourly.pollFirstEntry().getKey());
        }
    }

    /** The day's energy, or an empty day (0 Wh, no coverage). */
    public DayEnergy day(LocalDate day) {
        double[] h = hourly.getOrDefault(day, new double[24]).clone();
        double sum = 0;
        for (double v : h) {
            sum += v;
        }
        return new DayEnergy(day, sum, covered.getOrDefault(day, 0), h);
    }

    /** Days with data strictly before {@code day}, most recent first. */
    public List<DayEnergy> daysBefore(LocalDate day) {
        List<DayEnergy> out = new ArrayList<>();
        hourly.headMap(day, false).descendingKeySet().forEach(d -> out.add(day(d)));
        return out;
    }

    public LocalDate firstDay() {
        return hourly.isEmpty() ? null : hourly.firstKey();
    }

    public LocalDate lastDay() {
        return hourly.isEmpty() ? null : hourly.lastKey();
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(hourly.size());
        for (var e : hourly.entrySet()) {
            out.writeLong(e.getKey().toEpochDay());
            out.writeInt(covered.getOrDefault(e.getKey(), 0));
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
    }

    public static EnergyLedger read(DataInput in, ZoneId zone) throws IOException {
        EnergyLedger l = new EnergyLedger(zone);
        for (int i = in.readInt(); i > 0; i--) {
            LocalDate day = LocalDate.ofEpochDay(in.readLong());
            l.covered.put(day, in.readInt());
            double[] h = new double[24];
            for (int k = 0; k < 24; k++) {
                h[k] = in.readDouble();
            }
            l.hourly.put(day, h);
        }
        return l;
    }
}
