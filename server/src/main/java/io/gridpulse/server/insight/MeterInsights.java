package io.gridpulse.server.insight;

import io.gridpulse.analytics.anomaly.AnomalyProcessor;
import io.gridpulse.analytics.forecast.ForecastProcessor;
import io.gridpulse.analytics.forecast.PeriodForecast;
import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.NilmProcessor;
import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.analytics.standby.StandbyProcessor;
import io.gridpulse.analytics.standby.StandbyReport;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One meter's online processors (anomaly, standby, forecast and, with a model, NILM), started from
 * the store's 1-minute rollups and then fed every stored batch. Keeps the last
 * {@link #MAX_EVENTS} anomaly events. All methods are synchronized: the insight worker feeds it
 * while HTTP requests read it.
 */
public final class MeterInsights {
    static final int MAX_EVENTS = 200;

    private final MeterRef meter;
    private final ZoneId zone;
    private final AnomalyProcessor anomalies;
    private final StandbyProcessor standby;
    private final ForecastProcessor forecast;
    private NilmProcessor nilm;
    private final ArrayDeque<MeterEvent> events = new ArrayDeque<>();

    /**
     * @param history minute means before the first batch this state will be fed (in order)
     * @param holdLimitMs longest time a reading's power is held (the store's gap limit)
     */
    MeterInsights(MeterRef meter, ZoneId zone, long holdLimitMs, List<MinuteAverage> history) {
        this.meter = meter;
        this.zone = zone;
        this.anomalies = new AnomalyProcessor(meter, zone, holdLimitMs);
        this.standby = new StandbyProcessor(meter, zone, holdLimitMs);
        this.forecast = new ForecastProcessor(zone, holdLimitMs);
        anomalies.onMinutes(history, this::remember);
        standby.onMinutes(history);
        forecast.onMinutes(history);
    }

    ZoneId zone() {
        return zone;
    }

    public synchronized boolean hasNilm() {
        return nilm != null;
    }

    synchronized void dropNilm() {
        nilm = null;
    }

    synchronized void useNilm(MeterRef meter, NilmModel model) {
        nilm = new NilmProcessor(meter, model, null);
    }

    /**
     * Feeds a stored batch; new anomaly events go to the log and to {@code newEvents}.
     *
     * @return false when the batch is older than what was already fed (late data): the caller
     *     must rebuild this state from the store, which has merged it
     */
    synchronized boolean onReadings(List<Reading> batch, Consumer<MeterEvent> newEvents) {
        if (batch.isEmpty()) {
            return true;
        }
        if (batch.get(0).timestampMs() <= anomalies.lastReadingMs()) {
            return false;
        }
        anomalies.onReadings(batch, e -> {
            remember(e);
            newEvents.accept(e);
        });
        standby.onReadings(batch, e -> {});
        forecast.onReadings(batch, e -> {});
        if (nilm != null) {
            nilm.onReadings(batch, e -> {});
        }
        return true;
    }

    /** Anomaly events in [fromMs, toMs), after checking for silence up to {@code nowMs}. */
    public synchronized List<MeterEvent> anomalies(long fromMs, long toMs, long nowMs) {
        List<MeterEvent> out = new ArrayList<>(events);
        if (anomalies.lastReadingMs() != Long.MIN_VALUE && nowMs > anomalies.lastReadingMs()) {
            // Silence up to now is checked on a copy: advancing the real processor's minutes to
            // the wall clock would make a backfill or a delayed gateway batch arrive "too late".
            AnomalyProcessor.restore(meter, zone, anomalies.snapshot()).onTick(nowMs, out::add);
        }
        return out.stream().filter(e -> e.timestampMs() >= fromMs && e.timestampMs() < toMs).toList();
    }

    public synchronized StandbyReport standby() {
        return standby.reportWithCurrentDay();
    }

    public synchronized PeriodForecast periodEnd(LocalDate periodStart, LocalDate periodEnd, LocalDate today) {
        return forecast.periodEnd(periodStart, periodEnd, today);
    }

    public synchronized double[] hourly(LocalDate day) {
        return forecast.hourly(day);
    }

    /** Appliances the NILM processor currently sees on (empty without a model). */
    public synchronized List<String> appliancesOn() {
        return nilm == null ? List.of() : nilm.appliancesOn();
    }

    private void remember(MeterEvent e) {
        events.addLast(e);
        while (events.size() > MAX_EVENTS) {
            events.removeFirst();
        }
    }
}
