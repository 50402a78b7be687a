package io.gridpulse.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.live.LiveHub;
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

class IngestPipelineTest {
    static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    final Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 86_400_000L), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aWriteOfSeveralMetersReachesListenersOnceWithEachMetersNewReadingsOnly() {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock)) {
            IngestPipeline pipeline = new IngestPipeline(store, new LiveHub(), clock);
            List<Map<MeterRef, List<Reading>>> heard = new ArrayList<>();
            pipeline.onStored(heard::add);
            MeterRef fresh = MeterRef.of("default", "fresh");
            MeterRef repeated = MeterRef.of("default", "repeated");
            pipeline.ingest(repeated, seconds(0, 10));
            heard.clear();

            Map<MeterRef, List<Reading>> write = new LinkedHashMap<>();
            write.put(fresh, seconds(0, 5));
            write.put(repeated, seconds(0, 10)); // all stored before: duplicates
            assertThat(pipeline.ingestAll(write)).isEqualTo(5);

            assertThat(heard).hasSize(1);
            assertThat(heard.get(0)).containsOnlyKeys(fresh);
            assertThat(heard.get(0).get(fresh)).isEqualTo(seconds(0, 5));
            assertThat(pipeline.acceptedTotal()).isEqualTo(15);
            assertThat(pipeline.duplicatesTotal()).isEqualTo(10);
            assertThat(pipeline.quality(repeated).view()).containsEntry("accepted", 10L).containsEntry("duplicates", 10L);
        }
    }

    @Test
    void aWriteFromAVirtualThreadIsStoredAndAcknowledgedTheSame() throws Exception {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock)) {
            IngestPipeline pipeline = new IngestPipeline(store, new LiveHub(), clock);
            MeterRef meter = MeterRef.of("default", "house");
            long[] accepted = new long[1];
            Thread.ofVirtual().start(() -> accepted[0] = pipeline.ingest(meter, seconds(0, 60)).accepted()).join();

            assertThat(accepted[0]).isEqualTo(60);
            assertThat(store.readRaw(meter, T0, T0 + 60_000)).isEqualTo(seconds(0, 60));
        }
    }

    /** 1 kW plus the second, one reading a second, seconds [from, to) after T0. */
    private static List<Reading> seconds(int from, int to) {
        List<Reading> out = new ArrayList<>();
        for (int s = from; s < to; s++) {
            out.add(Reading.ofPower(T0 + s * 1000L, 1_000_000 + s));
        }
        return out;
    }
}
