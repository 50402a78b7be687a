package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo end to end: backfilled history, then live readings over MQTT, all in the store. */
class DemoCommandTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void demoBackfillsHistoryThenReportsEverySecondOverMqtt() throws Exception {
        long started = System.currentTimeMillis();
        int exit = new CommandLine(new GridPulseCli()).execute("demo", "--homes", "2", "--history-days", "2",
                "--port", "0", "--mqtt-port", Integer.toString(freePort()), "--data", dir.toString(), "--stop-after", "4");
        assertThat(exit).isZero();
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), Clock.systemUTC())) {
            for (String home : List.of("home-1", "home-2")) {
                MeterRef meter = MeterRef.of("default", home);
                List<Reading> all = store.readRaw(meter, 0, Long.MAX_VALUE);
                assertThat(all.size()).as(home).isBetween(2 * 86_400, 2 * 86_400 + 60);
                List<Reading> live = store.readRaw(meter, started, Long.MAX_VALUE);
                assertThat(live.size()).as("%s live readings", home).isGreaterThanOrEqualTo(3);
                // the register never runs backwards and grows with consumption
                for (int i = 1; i < all.size(); i++) {
                    assertThat(all.get(i).energyMilliwattHours()).isGreaterThanOrEqualTo(all.get(i - 1).energyMilliwattHours());
                }
                long dayEnergyWh = store.rollups(meter, RollupLevel.HOUR, all.get(0).timestampMs(),
                        all.get(0).timestampMs() + 86_400_000L).stream().mapToLong(Rollup::energyNanowattHours).sum() / 1_000_000_000L;
                assertThat(dayEnergyWh).as("%s simulated daily energy (Wh)", home).isBetween(2_000L, 40_000L);
            }
        }
    }
}
