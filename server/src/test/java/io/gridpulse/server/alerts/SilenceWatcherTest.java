package io.gridpulse.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.server.MovableClock;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Test
    void afterARestartRecentMetersAreWatchedAgainAndASilenceIsReportedOnce() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-25T00:00:00Z").toEpochMilli());
        MeterRef quiet = MeterRef.of("default", "quiet");
        MeterRef retired = MeterRef.of("default", "retired");
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock)) {
            AlertLog log = new AlertLog(store.metadata(), new LiveHub());
            long now = clock.millis();
            store.meters().ensureAll(List.of(METER, quiet, retired));
            store.append(METER, List.of(Reading.ofPower(now - 120_000, 100_000))); // reported 2 min before the restart
            store.append(quiet, List.of(Reading.ofPower(now - 600_000, 100_000))); // silent, and already reported
            log.record(new MeterEvent(quiet, now - 300_000, "meter-silent", "warning", "No reading for 5 min.", Map.of()));
            store.append(retired, List.of(Reading.ofPower(now - 30L * 86_400_000, 100_000))); // gone for a month

            SilenceWatcher watcher = new SilenceWatcher(log, clock, 300_000); // the restarted server's
            assertThat(watcher.resume(store, 7 * 86_400_000L)).isEqualTo(2);
            assertThat(watcher.check()).isEmpty(); // home-1 silent 2 min; quiet reported before
            clock.advanceMs(181_000);
            List<MeterEvent> raised = watcher.check();
            assertThat(raised).extracting(MeterEvent::meter).containsExactly(METER);
            assertThat(raised.get(0).details()).containsEntry("lastArrivalMs", now - 120_000);
            watcher.arrived(quiet);
            assertThat(log.recent(quiet, 1)).extracting(a -> a.get("type")).containsExactly("meter-back");
            assertThat(log.recent(retired, 10)).isEmpty();
        }
    }
}
