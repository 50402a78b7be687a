package io.gridpulse.server.billing;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.server.alerts.AlertLog;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.tariff.BillAlerts;
import io.gridpulse.tariff.RealTimeBill;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-prices meters that received readings and turns changes of tier, projected bill or budget
 * into alerts (kept and pushed live by {@link AlertLog}). Runs periodically rather than per reading, since a bill changes slowly.
 */
public final class BillWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(BillWatcher.class);

    private final ReadingStore store;
    private final MeterBilling billing;
    private final AlertLog alertLog;
    private final Clock clock;
    private final BillAlerts alerts = new BillAlerts();
    private final Set<MeterRef> dirty = ConcurrentHashMap.newKeySet();
    private final Map<MeterRef, RealTimeBill> lastBills = new ConcurrentHashMap<>();

    public BillWatcher(ReadingStore store, MeterBilling billing, AlertLog alertLog, Clock clock) {
        this.store = store;
        this.billing = billing;
        this.alertLog = alertLog;
        this.clock = clock;
    }

    /** Marks a meter for re-pricing on the next {@link #check()}. */
    public void touched(MeterRef meter) {
        dirty.add(meter);
    }

    /** Re-prices every touched meter; returns the alerts raised. */
    public List<MeterEvent> check() {
        List<MeterEvent> raised = new ArrayList<>();
        for (MeterRef meter : List.copyOf(dirty)) {
            dirty.remove(meter);
            try {
                raised.addAll(check(store.meters().require(meter)));
            } catch (RuntimeException e) {
                LOG.warn("cannot price meter {}: {}", meter, e.getMessage());
            }
        }
        return raised;
    }

    private List<MeterEvent> check(MeterRecord meter) {
        RealTimeBill current = billing.realTime(meter, clock.instant(), null);
        RealTimeBill previous = lastBills.put(meter.ref(), current);
        if (previous == null || !previous.period().start().equals(current.period().start())) {
            return List.of(); // first look, or a new period: nothing changed yet
        }
        List<MeterEvent> events = alerts.compare(meter.ref(), MeterBilling.settings(meter), previous, current);
        events.forEach(alertLog::record);
        return events;
    }
}
