package io.gridpulse.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.server.MovableClock;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilenceWatcherTest {
    private static final MeterRef METER = MeterRef.of("default", "home-1");

    @TempDir
    Path dir;


    @Test
    void meterThatStopsReportingRaisesOneSilentAlertThenOneBackAlert() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-25T00:00:00Z").toEpochMilli());
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock)) {
            LiveHub live = new LiveHub();
            List<MeterEvent> pushed = new ArrayList<>();
            live.subscribe(METER, new LiveHub.Subscriber() {
                @Override
                public void readings(List<io.gridpulse.core.Reading> readings) {}

                @Override
                public void event(MeterEvent event) {
                    pushed.add(event);
                }
            });
            AlertLog log = new AlertLog(store.metadata(), live);
            SilenceWatcher watcher = new SilenceWatcher(log, clock, 300_000);
            watcher.arrived(METER);
            clock.advanceMs(299_000);
            assertThat(watcher.check()).isEmpty();
            clock.advanceMs(2_000);
            assertThat(watcher.check()).extracting(MeterEvent::type).containsExactly("meter-silent");
            clock.advanceMs(60_000);
            assertThat(watcher.check()).isEmpty(); // reported once, not every check
            watcher.arrived(METER);
            assertThat(pushed).extracting(MeterEvent::type).containsExactly("meter-silent", "meter-back");
            assertThat(log.recent(METER, 10)).extracting(a -> a.get("type")).containsExactly("meter-back", "meter-silent");
        }
    }
}
