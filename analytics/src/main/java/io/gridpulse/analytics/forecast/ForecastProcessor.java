package io.gridpulse.analytics.forecast;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.analytics.series.MinuteAverager;
import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.core.processor.MeterProcessor;
import io.gridpulse.core.processor.Snapshots;






import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * Online forecasting state for one meter: readings → minute means → {@link EnergyLedger}. Emits
 * no events; callers ask for a projection with the day they consider "today" (time injected).
 * Deterministic; state round-trips through {@link #snapshot()} / {@link #restore}.
 */
public final class ForecastProcessor implements MeterProcessor {
    private static final int SNAPSHOT_VERSION = 1;

    private final MinuteAverager averager;
    private final EnergyLedger ledger;

    public ForecastProcessor(ZoneId zone, long holdLimitMs) {
        this(new MinuteAverager(holdLimitMs), new EnergyLedger(zone));
    }

    private ForecastProcessor(MinuteAverager averager, EnergyLedger ledger) {
        this.averager = averager;
        this.ledger = ledger;
    }

    @Override
    public void onReadings(List<Reading> batch, Consumer<MeterEvent> events) {
        batch.forEach(r -> averager.add(r, ledger::add));
    }

    /** Minute means from the store before the first live reading (see {@code AnomalyProcessor#onMinutes}). */
    public void onMinutes(List<MinuteAverage> minutes) {
        minutes.forEach(ledger::add);
    }

    /** Period-end projection with the days before {@code today} complete. */
    public PeriodForecast periodEnd(LocalDate periodStart, LocalDate periodEnd, LocalDate today) {
        return PeriodEndForecaster.forecast(ledger, periodStart, periodEnd, today);
    }

    /** Hourly energy expected on {@code day}, Wh. */
    public double[] hourly(LocalDate day) {
        return HourlyForecaster.forecast(ledger, day);
    }

    @Override
    public byte[] snapshot() {
        return Snapshots.write(SNAPSHOT_VERSION, out -> {
            out.writeUTF(ledger.zone().getId());
            averager.write(out);
            ledger.write(out);
        });
    }

    /** Restores a processor from {@link #snapshot()} bytes. */
    public static ForecastProcessor restore(byte[] snapshot) {
        return Snapshots.read(snapshot, SNAPSHOT_VERSION, "forecast", in -> {
            ZoneId zone = ZoneId.of(in.readUTF());
            MinuteAverager averager = MinuteAverager.read(in);
            return new ForecastProcessor(averager, EnergyLedger.read(in, zone));
        });
    }
}
