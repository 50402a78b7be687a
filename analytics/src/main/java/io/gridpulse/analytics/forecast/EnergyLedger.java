package io.gridpulse.analytics.forecast;

import io.gridpulse.analytics.series.MinuteAverage;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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

    /** An empty ledger that keeps every day it is given (built from a bounded list by its caller). */
    public static EnergyLedger unbounded(ZoneId zone) {
        return new EnergyLedger(zone, Integer.MAX_VALUE);
    }

    /** Every day of the minutes (a backtest over months needs them all). */
    public static EnergyLedger of(List<MinuteAverage> minutes, ZoneId zone) {
        EnergyLedger l = unbounded(zone);
        minutes.forEach(l::add);
        return l;
    }

    public ZoneId zone() {
        return zone;
    }

    public void add(MinuteAverage m) {
        if (m.covered()) {
            add(m.startMs(), m.energyWattHours(), 1);
        }
    }

    /** A whole hour's energy (e.g. an hourly bucket a bill is priced from): 60 covered minutes. */
    public void addHour(long hourStartMs, double energyWattHours) {
        add(hourStartMs, energyWattHours, 60);
    }

    private void add(long startMs, double energyWattHours, int coveredMinutes) {
        // The zone's offset, not a ZonedDateTime: a bill's projection adds ~1,400 hours per call
        long localSeconds = Math.floorDiv(startMs, 1000L)
                + zone.getRules().getOffset(Instant.ofEpochMilli(startMs)).getTotalSeconds();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(localSeconds, 86_400L));
        int hour = (int) (Math.floorMod(localSeconds, 86_400L) / 3600);
        hourly.computeIfAbsent(day, d -> new double[24])[hour] += energyWattHours;
        covered.merge(day, coveredMinutes, Integer::sum);
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
