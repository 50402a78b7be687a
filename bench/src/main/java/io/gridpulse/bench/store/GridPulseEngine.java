package io.gridpulse.bench.store;

import io.gridpulse.bench.DataClock;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.CalendarRollups;
import io.gridpulse.store.ReadingColumns;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import io.gridpulse.store.StorageConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** GridPulse's store, embedded: every call is one fsync'd append. */
public final class GridPulseEngine implements Engine {
    private final Path dir;
    /** The store's clock runs a second ahead of the newest reading, as it would live. */
    private final DataClock clock = new DataClock(FleetData.START_MS, 1_000L);
    private final ReadingStore store;
    private final CalendarRollups calendar;

    public GridPulseEngine(Path dir) {
        this.dir = dir;
        this.store = ReadingStore.open(StorageConfig.defaults(dir), clock);
        this.calendar = new CalendarRollups(store);
    }

    public ReadingStore store() {
        return store;
    }

    @Override
    public String name() {
        return "gridpulse";
    }

    @Override
    public void register(int meters) {
        List<MeterRef> refs = new ArrayList<>(meters);
        for (int m = 0; m < meters; m++) {
            refs.add(FleetData.meter(m));
        }
        store.meters().ensureAll(refs); // as the server registers a gateway's new meters: one durable write
    }

    @Override
    public void appendMeterRun(int meter, long firstSecond, int count, int stepSeconds) {
        List<Reading> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(FleetData.reading(meter, firstSecond + (long) i * stepSeconds));
        }
        clock.saw(batch.get(count - 1).timestampMs());
        MeterRef ref = FleetData.meter(meter);
        store.meters().ensure(ref);
        store.append(ref, batch);
    }

    /** The fleet second is one acknowledged batch: one atomic write, one fsync ({@code appendAll}). */
    @Override
    public void appendFleetSecond(int firstMeter, int meters, long second) {
        List<MeterRef> refs = new ArrayList<>(meters);
        List<List<Reading>> batches = new ArrayList<>(meters);
        for (int m = firstMeter; m < firstMeter + meters; m++) { // registered beforehand, as a gateway's meters are
            refs.add(FleetData.meter(m));
            batches.add(List.of(FleetData.reading(m, second)));
        }
        clock.saw(FleetData.START_MS + second * 1000);
        store.appendAll(refs, batches); // as the server's pipeline writes a gateway's post
    }

    /**
     * A fleet's hour of minute readings: {@code minutes} readings a minute apart for each of
     * {@code meters} meters (registered beforehand), one atomic write.
     */
    public void appendFleetMinutes(int meters, long firstSecond, int minutes) {
        appendFleetRun(meters, firstSecond, minutes, 60);
    }

    /** {@code count} readings {@code stepSeconds} apart for each of {@code meters} meters, one atomic write. */
    public void appendFleetRun(int meters, long firstSecond, int count, int stepSeconds) {
        List<MeterRef> refs = new ArrayList<>(meters);
        List<List<Reading>> batches = new ArrayList<>(meters);
        for (int m = 0; m < meters; m++) {
            List<Reading> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                batch.add(FleetData.reading(m, firstSecond + (long) i * stepSeconds));
            }
            refs.add(FleetData.meter(m));
            batches.add(batch);
        }
        clock.saw(FleetData.START_MS + (firstSecond + (long) (count - 1) * stepSeconds) * 1000);
        store.appendAll(refs, batches);
    }

    /** Seals, compacts and folds what is due at the data's own clock (as a live server would have). */
    public void sealDueNow() {
        store.sealAllDue();
    }

    /** Nanoseconds one retention pass takes with the clock at {@code second} of the data. */
    public long retentionPassNanos(long second) {
        clock.jumpTo(FleetData.START_MS + second * 1000);
        long start = System.nanoTime();
        store.retention().enforce();
        return System.nanoTime() - start;
    }

    /** A day of raw readings and minute rollups (the dashboard's day view); returns the points read. */
    public int queryDayWithMinutes(int meter, long dayStartSecond) {
        long from = FleetData.START_MS + dayStartSecond * 1000;
        MeterRef ref = FleetData.meter(meter);
        return store.readRawColumns(ref, from, from + 86_400_000L).size()
                + store.rollups(ref, RollupLevel.MINUTE, from, from + 86_400_000L).size();
    }

    /** Nanoseconds the store takes to seal, compact and fold everything due long after the data. */
    public long sealAllDueNanos() {
        clock.jumpTo(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli());
        long start = System.nanoTime();
        store.sealAllDue();
        return System.nanoTime() - start;
    }

    @Override
    public long bytesOnDisk() {
        clock.jumpTo(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli());
        store.sealAllDue();
        store.compact();
        return DiskUsage.bytes(dir) - store.recycledWalBytes();
    }

    /** WAL files kept for reuse: at most one, as large as the WAL was at its last switch. */
    @Override
    public long reservedBytes() {
        return store.recycledWalBytes();
    }

    /** The day as columns (what the HTTP API's raw series reads), every value summed. */
    @Override
    public DayRead queryDay(int meter, long dayStartSecond) {
        long from = FleetData.START_MS + dayStartSecond * 1000;
        ReadingColumns day = store.readRawColumns(FleetData.meter(meter), from, from + 86_400_000L);
        long checksum = 0;
        for (int i = 0; i < day.size(); i++) {
            checksum += DayRead.mix(day.timestampMs(i), day.powerMilliwatts(i), day.energyMilliwattHours(i));
        }
        return new DayRead(day.size(), checksum);
    }

    @Override
    public long queryEnergyMilliwattHours(int meter, long fromSecond, long toSecond) {
        long from = FleetData.START_MS + fromSecond * 1000;
        long to = FleetData.START_MS + toSecond * 1000;
        return calendar.energyNanowattHours(FleetData.meter(meter), from, to) / 1_000_000;
    }

    @Override
    public int queryFleetHourly(int meters, long dayStartSecond) {
        long from = FleetData.START_MS + dayStartSecond * 1000;
        List<MeterRef> fleet = new ArrayList<>(meters);
        for (int m = 0; m < meters; m++) {
            fleet.add(FleetData.meter(m));
        }
        int rows = 0;
        for (List<Rollup> hours : store.rollups(fleet, RollupLevel.HOUR, from, from + 86_400_000L)) {
            rows += hours.size();
        }
        return rows;
    }

    @Override
    public void close() {
        store.close();
    }
}
