package io.gridpulse.server.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.server.nilm.NilmModels;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveInsightsTest {
    static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    final Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 86_400_000L), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void keepsStateForAtMostMaxMetersAndRebuildsAnEvictedMeterFromTheStore() throws Exception {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock);
             LiveInsights insights = new LiveInsights(store, new LiveHub(), new NilmModels(dir.resolve("nilm")), clock, 2)) {
            List<MeterRef> meters = List.of(meter("a"), meter("b"), meter("c"));
            for (MeterRef m : meters) {
                store.meters().ensure(m);
                List<Reading> hour = readings(0, 60);
                store.append(m, hour);
                insights.stored(m, hour);
            }
            assertThat(insights.awaitIdle(10_000)).isTrue();
            assertThat(insights.meterCount()).isEqualTo(2);
            assertThat(insights.current(store.meters().require(meter("a")))).isEmpty();

            List<Reading> next = readings(60, 120);
            store.append(meter("a"), next);
            insights.stored(meter("a"), next);
            assertThat(insights.awaitIdle(10_000)).isTrue();
            MeterInsights a = insights.current(store.meters().require(meter("a"))).orElseThrow();
            // rebuilt from the first hour's rollups, then fed the second hour: both hours are there
            double wh = a.periodEnd(java.time.LocalDate.of(2026, 3, 2), java.time.LocalDate.of(2026, 3, 4),
                    java.time.LocalDate.of(2026, 3, 3)).energySoFarWattHours();
            assertThat(wh).isCloseTo(500.0 * 119 / 60, org.assertj.core.api.Assertions.within(500.0 * 2 / 60));
            assertThat(insights.meterCount()).isEqualTo(2);
        }
    }

    @Test
    void aBatchThatDoesNotFitTheQueueIsRecoveredFromTheStoreOnTheNextBatch() throws Exception {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock);
             LiveInsights insights = new LiveInsights(store, new LiveHub(), new NilmModels(dir.resolve("nilm")), clock, 10, 50)) {
            MeterRef a = meter("a");
            store.meters().ensure(a);
            List<Reading> tooLarge = readings(0, 60);
            store.append(a, tooLarge);
            insights.stored(a, tooLarge);
            List<Reading> next = readings(60, 90);
            store.append(a, next);
            insights.stored(a, next);
            assertThat(insights.awaitIdle(10_000)).isTrue();

            assertThat(insights.droppedBatches()).isEqualTo(1);
            double wh = insights.current(store.meters().require(a)).orElseThrow().periodEnd(java.time.LocalDate.of(2026, 3, 2),
                    java.time.LocalDate.of(2026, 3, 4), java.time.LocalDate.of(2026, 3, 3)).energySoFarWattHours();
            assertThat(wh).isCloseTo(500.0 * 89 / 60, org.assertj.core.api.Assertions.within(500.0 * 2 / 60));
        }
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
