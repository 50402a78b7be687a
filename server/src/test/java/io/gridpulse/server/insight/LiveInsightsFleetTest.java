package io.gridpulse.server.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.MovableClock;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.server.nilm.NilmModels;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live insights when more meters report than states are kept, and writes of many meters. */
class LiveInsightsFleetTest {
    static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void displacesAtMostMaxMetersStatesAMinuteSoAFleetLargerThanTheLimitDoesNotRebuildEveryBatch() throws Exception {
        MovableClock clock = new MovableClock(T0 + 86_400_000L);
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock);
             LiveInsights insights = new LiveInsights(store, new LiveHub(), new NilmModels(dir.resolve("nilm")), clock, 2)) {
            for (String id : List.of("a", "b", "c", "d", "e")) { // c and d displace a and b; e finds the minute's quota used
                feed(store, insights, meter(id), readings(0, 60));
            }
            assertThat(insights.awaitIdle(10_000)).isTrue();
            assertThat(insights.meterCount()).isEqualTo(2);
            assertThat(insights.unplacedBatches()).isEqualTo(1);
            assertThat(insights.current(store.meters().require(meter("e")))).isEmpty();
            assertThat(insights.current(store.meters().require(meter("d")))).isPresent();

            clock.advanceMs(60_000); // a new minute: e may displace the least recently used state again
            feed(store, insights, meter("e"), readings(60, 120));
            assertThat(insights.awaitIdle(10_000)).isTrue();
            MeterInsights e = insights.current(store.meters().require(meter("e"))).orElseThrow();
            // rebuilt from the first hour's rollups, then fed the second hour
            assertThat(e.periodEnd(java.time.LocalDate.of(2026, 3, 2), java.time.LocalDate.of(2026, 3, 4),
                    java.time.LocalDate.of(2026, 3, 3)).energySoFarWattHours())
                    .isCloseTo(500.0 * 119 / 60, org.assertj.core.api.Assertions.within(500.0 * 2 / 60));
            assertThat(insights.meterCount()).isEqualTo(2);
        }
    }

    @Test
    void oneWriteOfSeveralMetersFeedsEachMeterItsOwnReadings() throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 86_400_000L), ZoneOffset.UTC);
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock);
             LiveInsights insights = new LiveInsights(store, new LiveHub(), new NilmModels(dir.resolve("nilm")), clock, 10)) {
            Map<MeterRef, List<Reading>> write = new LinkedHashMap<>();
            write.put(meter("one"), readings(0, 60));
            write.put(meter("two"), readings(0, 30));
            write.keySet().forEach(store.meters()::ensure);
            store.appendAll(write);
            insights.stored(write);
            assertThat(insights.awaitIdle(10_000)).isTrue();

            assertThat(energyWattHours(insights, store, "one")).isCloseTo(500.0 * 59 / 60, org.assertj.core.api.Assertions.within(500.0 * 2 / 60));
            assertThat(energyWattHours(insights, store, "two")).isCloseTo(500.0 * 29 / 60, org.assertj.core.api.Assertions.within(500.0 * 2 / 60));
        }
    }

    private static double energyWattHours(LiveInsights insights, ReadingStore store, String id) {
        return insights.current(store.meters().require(meter(id))).orElseThrow().periodEnd(java.time.LocalDate.of(2026, 3, 2),
                java.time.LocalDate.of(2026, 3, 4), java.time.LocalDate.of(2026, 3, 3)).energySoFarWattHours();
    }

    private static void feed(ReadingStore store, LiveInsights insights, MeterRef m, List<Reading> readings) {
        store.meters().ensure(m);
        store.append(m, readings);
        insights.stored(m, readings);
    }

    private static MeterRef meter(String id) {
        return new MeterRef(TenantId.DEFAULT, new MeterId(id));
    }

    /** 500 W, one reading a minute, minutes [from, to) after T0. */
    private static List<Reading> readings(int from, int to) {
        List<Reading> out = new ArrayList<>();
        for (int m = from; m < to; m++) {
            out.add(Reading.ofPower(T0 + m * 60_000L, 500_000));
        }
        return out;
    }
}
