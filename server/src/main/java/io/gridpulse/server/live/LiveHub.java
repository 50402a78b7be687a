package io.gridpulse.server.live;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Fans accepted readings and events of a meter out to its live subscribers (SSE clients). */
public final class LiveHub {
    /** A live subscriber; called on the ingesting thread, so it must not block. */
    public interface Subscriber {
        void readings(List<Reading> readings);

        void event(MeterEvent event);
    }

    private final Map<MeterRef, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    /** Hear every meter's events (the alert webhooks); called on the raising thread, must not block. */
    private final List<Consumer<MeterEvent>> eventListeners = new CopyOnWriteArrayList<>();

    public void onEveryEvent(Consumer<MeterEvent> listener) {
        eventListeners.add(listener);
    }

    public void subscribe(MeterRef meter, Subscriber s) {
        subscribers.computeIfAbsent(meter, m -> new CopyOnWriteArrayList<>()).add(s);
    }

    public void unsubscribe(MeterRef meter, Subscriber s) {
        List<Subscriber> list = subscribers.get(meter);
        if (list != null) {
            list.remove(s);
        }
    }

    public void publish(MeterRef meter, List<Reading> readings) {
        List<Subscriber> list = subscribers.get(meter);
        if (list != null && !readings.isEmpty()) {
            list.forEach(s -> s.readings(readings));
        }
    }

    public void publish(MeterEvent event) {
        eventListeners.forEach(l -> l.accept(event));
        List<Subscriber> list = subscribers.get(event.meter());
        if (list != null) {
            list.forEach(s -> s.event(event));
        }
    }

    public int subscriberCount(MeterRef meter) {
        List<Subscriber> list = subscribers.get(meter);
        return list == null ? 0 : list.size();
    }

    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(List::size).sum();
    }
}
