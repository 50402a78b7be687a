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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-prices meters that received readings and turns changes of tier, projected bill or budget
 * into alerts (kept and pushed live by {@link AlertLog}). Runs periodically rather than per reading, since a bill changes slowly.
 */
public final class BillWatcher {
    /** Meters re-priced per minute; a bill changes slowly, so a large fleet is covered over several minutes. */
    public static final int MAX_PER_MINUTE = 1_000;
    /** Meters re-priced per second: the minute's work spread out, not one burst of a second of CPU that held back live pushes. */
    public static final int MAX_PER_SECOND = (MAX_PER_MINUTE + 59) / 60;
    private static final Logger LOG = LoggerFactory.getLogger(BillWatcher.class);

    private final ReadingStore store;
    private final MeterBilling billing;
    private final AlertLog alertLog;
    private final Clock clock;
    private final BillAlerts alerts = new BillAlerts();
    // A queue in touch order (with a set against repeats) so that re-pricing is round-robin:
    // meters reporting every second cannot starve the others.
    private final Queue<MeterRef> dirtyOrder = new ConcurrentLinkedQueue<>();
    private final Set<MeterRef> dirty = ConcurrentHashMap.newKeySet();
    private final Map<MeterRef, BillAlerts.Seen> lastBills = new ConcurrentHashMap<>();

    public BillWatcher(ReadingStore store, MeterBilling billing, AlertLog alertLog, Clock clock) {
        this.store = store;
        this.billing = billing;
        this.alertLog = alertLog;
        this.clock = clock;
    }

    /** Marks a meter for re-pricing on the next {@link #check()}. */
    public void touched(MeterRef meter) {
        if (dirty.add(meter)) {
            dirtyOrder.add(meter);
        }
    }

    /** Re-prices touched meters, at most a minute's worth; returns the alerts raised. */
    public List<MeterEvent> check() {
        return check(MAX_PER_MINUTE);
    }

    /**
     * Re-prices at most {@code maxMeters} touched meters (≈1 ms each) in the order they were
     * touched, so that a fleet of 100,000 meters costs a bounded slice of CPU; the rest wait their
     * turn. Returns the alerts raised.
     */
    public List<MeterEvent> check(int maxMeters) {
        List<MeterEvent> raised = new ArrayList<>();
        MeterRef meter;
        for (int n = 0; n < maxMeters && (meter = dirtyOrder.poll()) != null; n++) {
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
        BillAlerts.Seen previous = lastBills.put(meter.ref(), BillAlerts.Seen.of(current));
        if (previous == null || !previous.periodStart().equals(current.period().start())) {
            return List.of(); // first look, or a new period: nothing changed yet
        }
        List<MeterEvent> events = alerts.compare(meter.ref(), MeterBilling.settings(meter), previous, current);
        events.forEach(alertLog::record);
        return events;
    }
}
