package io.gridpulse.bench.store;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.CommitMode;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlException;
import io.questdb.log.LogFactory;
import io.questdb.griffin.SqlExecutionContext;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Embedded QuestDB (Cairo engine, one non-WAL table partitioned by day, indexed meter symbol)
 * fed through its {@link TableWriter}: one commit per acknowledged batch. In sync mode each
 * commit is fsync'd like GridPulse's appends; nosync is QuestDB's default. A table has a single
 * writer, so calls are serialised.
 */
public final class QuestDbEngine implements Engine {
    static {
        if (System.getProperty(LogFactory.CONFIG_SYSTEM_PROPERTY) == null) {
            System.setProperty(LogFactory.CONFIG_SYSTEM_PROPERTY, "/questdb-bench-log.conf");
            LogFactory.configureRootDir(System.getProperty("java.io.tmpdir"));
        }
    }

    private static final int METER = 0;
    private static final int POWER = 2;
    private static final int ENERGY = 3;
    private final Path dir;
    private final boolean sync;
    private final CairoEngine engine;
    private final SqlExecutionContext context;
    private TableWriter writer;

    /** @param meters distinct meters expected: sizes the symbol table, as an operator would */
    public QuestDbEngine(Path dir, boolean sync, int meters) {
        this.dir = dir;
        this.sync = sync;
        createDirectories(dir);
        int commitMode = sync ? CommitMode.SYNC : CommitMode.NOSYNC;
        this.engine = new CairoEngine(new DefaultCairoConfiguration(dir.toString()) {
            @Override
            public int getCommitMode() {
                return commitMode;
            }
        });
        this.context = new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE);
        try {
            engine.execute("CREATE TABLE readings (meter SYMBOL CAPACITY " + Integer.highestOneBit(Math.max(2, meters) * 2 - 1)
                    + " INDEX, ts TIMESTAMP, power_mw LONG, energy_mwh LONG) TIMESTAMP(ts) PARTITION BY DAY BYPASS WAL", context);
        } catch (SqlException e) {
            throw new IllegalStateException("cannot create QuestDB table: " + e.getMessage(), e);
        }
        this.writer = engine.getWriter(engine.getTableTokenIfExists("readings"), "bench");
    }

    @Override
    public String name() {
        return sync ? "questdb-sync" : "questdb-nosync";
    }

    @Override
    public synchronized void appendMeterRun(int meter, long firstSecond, int count, int stepSeconds) {
        String name = FleetData.meterName(meter);
        for (int i = 0; i < count; i++) {
            long second = firstSecond + (long) i * stepSeconds;
            row(name, meter, second);
        }
        writer.commit();
    }

    @Override
    public synchronized void appendFleetSecond(int firstMeter, int meters, long second) {
        for (int m = firstMeter; m < firstMeter + meters; m++) {
            row(FleetData.meterName(m), m, second);
        }
        writer.commit();
    }

    private void row(String name, int meter, long second) {
        TableWriter.Row row = writer.newRow((FleetData.START_MS + second * 1000) * 1000);
        row.putSym(METER, name);
        row.putLong(POWER, FleetData.powerMilliwatts(meter, second));
        row.putLong(ENERGY, FleetData.energyMilliwattHours(meter, second));
        row.append();
    }

    @Override
    public synchronized long bytesOnDisk() {
        closeWriter();
        return DiskUsage.bytes(dir);
    }

    private void closeWriter() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    /** Every row's values read from the cursor (counting rows alone would not read the columns). */
    @Override
    public DayRead queryDay(int meter, long dayStartSecond) {
        String sql = "SELECT ts, power_mw, energy_mwh FROM readings WHERE meter = '" + FleetData.meterName(meter)
                + "' AND " + between(dayStartSecond, dayStartSecond + 86_400);
        long[] rowsAndChecksum = {0, 0};
        scan(sql, r -> {
            rowsAndChecksum[0]++;
            rowsAndChecksum[1] += DayRead.mix(r.getTimestamp(0) / 1000, r.getLong(1), r.getLong(2)); // µs to ms
        });
        return new DayRead((int) rowsAndChecksum[0], rowsAndChecksum[1]);
    }

    @Override
    public long queryEnergyMilliwattHours(int meter, long fromSecond, long toSecond) {
        String sql = "SELECT first(energy_mwh), last(energy_mwh) FROM readings WHERE meter = '"
                + FleetData.meterName(meter) + "' AND " + between(fromSecond, toSecond);
        long[] energy = {0};
        scan(sql, r -> energy[0] = r.getLong(1) - r.getLong(0));
        return energy[0];
    }

    @Override
    public int queryFleetHourly(int meters, long dayStartSecond) {
        String sql = "SELECT meter, ts, last(energy_mwh) - first(energy_mwh) FROM readings WHERE "
                + between(dayStartSecond, dayStartSecond + 86_400) + " SAMPLE BY 1h";
        int[] rows = {0};
        scan(sql, r -> rows[0]++);
        return rows[0];
    }

    private static String between(long fromSecond, long toSecond) {
        return "ts >= '" + Instant.ofEpochMilli(FleetData.START_MS + fromSecond * 1000) + "' AND ts < '"
                + Instant.ofEpochMilli(FleetData.START_MS + toSecond * 1000) + "'";
    }

    private void scan(String sql, java.util.function.Consumer<Record> each) {
        try (RecordCursorFactory factory = engine.select(sql, context);
                RecordCursor cursor = factory.getCursor(context)) {
            Record record = cursor.getRecord();
            while (cursor.hasNext()) {
                each.accept(record);
            }
        } catch (SqlException e) {
            throw new IllegalStateException("QuestDB query failed: " + e.getMessage() + " in " + sql, e);
        }
    }

    @Override
    public synchronized void close() {
        closeWriter();
        engine.close();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
