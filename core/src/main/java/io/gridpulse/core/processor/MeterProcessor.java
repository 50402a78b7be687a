package io.gridpulse.core.processor;

import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * A per-meter, deterministic, single-threaded state machine fed with the meter's accepted
 * readings in arrival order. The embedded pipeline and the Kafka Streams topology drive the very
 * same implementations; state must be serialisable via {@link #snapshot()}.
 */
public interface MeterProcessor {
    /** Called with each accepted batch (sorted by time within the batch). Not thread-safe. */
    void onReadings(List<Reading> batch, Consumer<MeterEvent> events);

    /** The processor's state as bytes, for changelogs and restarts. */
    byte[] snapshot();
}
