package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeterRegistryTest {
    @TempDir
    Path dir;

    @Test
    void aGatewaysMetersAreRegisteredTogetherAndKeepTheirKeysAfterARestart() {
        MeterRef known = MeterRef.of("default", "known");
        List<MeterRef> post = new ArrayList<>();
        for (int m = 0; m < 1_000; m++) {
            post.add(MeterRef.of("default", "gw-m" + m));
        }
        post.add(3, known);
        post.add(MeterRef.of("default", "gw-m7")); // named twice in one post: one registration
        List<MeterRecord> registered;
        long knownKey;
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), Clock.systemUTC())) {
            knownKey = store.meters().ensure(known).key();
            registered = store.meters().ensureAll(post);

            assertThat(registered).extracting(MeterRecord::ref).containsExactlyElementsOf(post);
            assertThat(registered.get(3).key()).isEqualTo(knownKey);
            assertThat(registered.get(registered.size() - 1)).isSameAs(registered.get(8)); // gw-m7
            assertThat(new HashSet<>(registered.stream().map(MeterRecord::key).toList())).hasSize(1_001);
            assertThat(registered).allSatisfy(r -> assertThat(r.key()).isGreaterThanOrEqualTo(knownKey));
            assertThat(store.meters().count()).isEqualTo(1_001);
            assertThat(store.meters().ensureAll(post)).isEqualTo(registered); // known now: nothing new
        }
        try (ReadingStore reopened = ReadingStore.open(StorageConfig.defaults(dir), Clock.systemUTC())) {
            for (MeterRecord r : registered) {
                assertThat(reopened.meters().require(r.ref()).key()).isEqualTo(r.key());
            }
            long highest = registered.stream().mapToLong(MeterRecord::key).max().orElseThrow();
            assertThat(reopened.meters().ensure(MeterRef.of("default", "later")).key()).isEqualTo(highest + 1);
        }
    }

    @Test
    void pagesFollowIdOrderPrefixAndSettingsAcrossARestart() {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), Clock.systemUTC())) {
            store.meters().ensureAll(List.of(MeterRef.of("a", "m-3"), MeterRef.of("a", "m-1"), MeterRef.of("a", "x-1"),
                    MeterRef.of("a", "m-2"), MeterRef.of("b", "m-0")));
            store.meters().updateSettings(MeterRef.of("a", "m-2"), java.util.Map.of("name", "kitchen"));
        }
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), Clock.systemUTC())) {
            MeterRegistry meters = store.meters();
            TenantId a = new TenantId("a");
            assertThat(ids(meters.page(a, "", null, 10))).containsExactly("m-1", "m-2", "m-3", "x-1");
            assertThat(ids(meters.page(a, "m-", null, 2))).containsExactly("m-1", "m-2");
            assertThat(ids(meters.page(a, "m-", "m-2", 2))).containsExactly("m-3");
            assertThat(ids(meters.page(a, "x", "a", 5))).containsExactly("x-1"); // an "after" before the prefix
            assertThat(ids(meters.page(a, "m-", "m-3", 5))).isEmpty();
            assertThat(ids(meters.page(new TenantId("nobody"), "", null, 5))).isEmpty();
            assertThat(meters.page(a, "m-2", null, 1).get(0).settings()).containsEntry("name", "kitchen");
            assertThat(meters.countOf(a)).isEqualTo(4);
            assertThat(ids(meters.list(new TenantId("b")))).containsExactly("m-0");
        }
    }

    private static List<String> ids(List<MeterRecord> records) {
        return records.stream().map(r -> r.ref().meter().value()).toList();
    }
}
