package io.gridpulse.server.alerts;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.store.MeterRecord;
import io.gridpulse.store.ReadingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raises {@code meter-silent} when a meter that was reporting has sent nothing for
 * {@code silentAfterMs}, and {@code meter-back} when it reports again. Driven by arrivals
 * ({@link #arrived}) and a periodic {@link #check()}. After a restart, {@link #resume} watches
 * again the meters that reported recently, so a meter that died while the server was down is
 * still reported, and one already reported silent is not reported twice.
 */
public final class SilenceWatcher {
    private final AlertLog alerts;
    private final Clock clock;
    private final long silentAfterMs;
    private final Map<MeterRef, AtomicLong> lastArrivalMs = new ConcurrentHashMap<>();
    private final Set<MeterRef> silent = ConcurrentHashMap.newKeySet();

    public SilenceWatcher(AlertLog alerts, Clock clock, long silentAfterMs) {
        if (silentAfterMs <= 0) {
            throw new IllegalArgumentException("silentAfterMs must be > 0");
        }
        this.alerts = alerts;
        this.clock = clock;
        this.silentAfterMs = silentAfterMs;
    }

    public void arrived(MeterRef meter) {
        long now = clock.millis();
        AtomicLong last = lastArrivalMs.get(meter); // set in place: called per meter for every stored batch
        if (last == null) {
            last = lastArrivalMs.computeIfAbsent(meter, m -> new AtomicLong(now)); // never seen at 0 by check()
        }
        last.set(now);
        if (!silent.isEmpty() && silent.remove(meter)) { // mostly empty: skip the per-meter look-up
            alerts.record(new MeterEvent(meter, now, "meter-back", "info",
                    "The meter is reporting again.", Map.of()));
        }
    }

    /**
     * Watches again, from their newest stored reading, the meters that reported within
     * {@code windowMs}; older ones are taken as retired rather than raising an alert at every
     * restart. A meter whose last silence alert was not followed by {@code meter-back} counts as
     * silent already. Returns the number of meters watched.
     */
    public int resume(ReadingStore store, long windowMs) {
        long since = clock.millis() - windowMs;
        int watched = 0;
        for (MeterRecord m : store.meters().all()) {
            Reading newest = store.latest(m.ref());
            if (newest == null || newest.timestampMs() < since) {
                continue;
            }
            watched++;
            if (lastArrivalMs.putIfAbsent(m.ref(), new AtomicLong(newest.timestampMs())) == null
                    && reportedSilent(m.ref())) {
                silent.add(m.ref());
            }
        }
        return watched;
    }

    private boolean reportedSilent(MeterRef meter) {
        for (Map<String, Object> alert : alerts.recent(meter, Integer.MAX_VALUE)) {
            Object type = alert.get("type");
            if ("meter-silent".equals(type) || "meter-back".equals(type)) {
                return "meter-silent".equals(type);
            }
        }
        return false;
    }

    /** Alerts for meters that fell silent since the last check. */
    public List<MeterEvent> check() {
        long now = clock.millis();
        List<MeterEvent> raised = new ArrayList<>();
        lastArrivalMs.forEach((meter, arrivedMs) -> {
            long last = arrivedMs.get();
            if (now - last >= silentAfterMs && silent.add(meter)) {
                long minutes = (now - last) / 60_000;
                MeterEvent e = new MeterEvent(meter, now, "meter-silent", "warning",
                        "No reading for " + minutes + " min: check the meter's power and network connection.",
                        Map.of("lastArrivalMs", last, "silentForMs", now - last));
                alerts.record(e);
                raised.add(e);
            }
        });
        return raised;
    }

    /** Meters silent now, all tenants. */
    public int silentCount() {
        return silent.size();
    }

    /**
     * One tenant's watched meters now: how many there are, and the silent ones, longest silent
     * first, at most {@code listed} of them. In memory: a fleet's status costs no store read.
     */
    public FleetSilence status(TenantId tenant, int listed) {
        long now = clock.millis();
        int watched = 0;
        List<SilentMeter> silentNow = new ArrayList<>();
        for (Map.Entry<MeterRef, AtomicLong> e : lastArrivalMs.entrySet()) {
            if (!e.getKey().tenant().equals(tenant)) {
                continue;
            }
            watched++;
            if (silent.contains(e.getKey())) {
                long last = e.getValue().get();
                silentNow.add(new SilentMeter(e.getKey(), last, now - last));
            }
        }
        silentNow.sort(Comparator.comparingLong(SilentMeter::lastArrivalMs).thenComparing(m -> m.meter().meter().value()));
        return new FleetSilence(watched, silentNow.size(), List.copyOf(silentNow.subList(0, Math.min(listed, silentNow.size()))));
    }

    /** See {@link #status}: {@code silent} holds the first {@code silentCount} by silence, at most the asked number. */
    public record FleetSilence(int watched, int silentCount, List<SilentMeter> silent) {}

    public record SilentMeter(MeterRef meter, long lastArrivalMs, long silentForMs) {}
}
