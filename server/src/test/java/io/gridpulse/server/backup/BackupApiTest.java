package io.gridpulse.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.MovableClock;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups made over the API while a meter keeps posting: each holds every batch acknowledged
 * before it was asked for, whole, and the data folder's other files; a server starts on one;
 * only the server owner may make or list them; the oldest beyond {@code keep} go.
 */
class BackupApiTest {
    private static final String OWNER = "backup-owner-admin-key-01";
    private static final String READER = "backup-reader-key-0123456";
    private static final String OTHER_ADMIN = "backup-acme-admin-key-012";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_BATCH = 10;

    @TempDir
    Path dir;

    @Test
    void backupsHoldEveryAcknowledgedBatchAndAServerStartsOnOne() throws Exception {
        long start = System.currentTimeMillis() / 1000 * 1000 - 3_600_000L;
        MovableClock clock = new MovableClock(start + 3_600_000L);
        Path data = dir.resolve("data");
        Path folder = dir.resolve("backups");
        ServerConfig config = ServerConfig.defaults(0).withBackups(new BackupPlan(folder, 2, 0));
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        Path backup;
        try (TestServer t = TestServer.start(data, config, clock, OWNER, Scope.ADMIN, READER, Scope.READ)) {
            t.server.apiKeys().register(OTHER_ADMIN, new TenantId("acme"), Scope.ADMIN, "acme");
            Files.createDirectories(data.resolve("nilm"));
            Files.writeString(data.resolve("nilm").resolve("model.json"), "{\"appliances\":[]}");

            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int batch = 0; writing.get() && batch < 300; batch++) {
                    try {
                        if (t.send("POST", "/api/v1/meters/m1/readings", batch(start, batch), OWNER).statusCode() == 200) {
                            acknowledged.add(batch);
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            writer.start();
            while (acknowledged.size() < 20) {
                Thread.sleep(5);
            }
            List<Integer> ackedBefore = new ArrayList<>(acknowledged);
            assertThat(t.send("POST", "/api/v1/backups", null, READER).statusCode()).isEqualTo(403);
            assertThat(t.send("POST", "/api/v1/backups", null, OTHER_ADMIN).statusCode()).as("another tenant's admin")
                    .isEqualTo(403);
            HttpResponse<String> made = t.send("POST", "/api/v1/backups", null, OWNER);
            writing.set(false);
            writer.join();
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            JsonNode body = JSON.readTree(made.body());
            backup = Path.of(body.get("path").asText());
            assertThat(backup.getParent()).isEqualTo(folder.toAbsolutePath());
            assertThat(body.get("bytes").asLong()).isPositive();

            try (ReadingStore copy = ReadingStore.open(StorageConfig.defaults(backup), clock)) {
                int stored = copy.readRaw(MeterRef.of("default", "m1"), 0, Long.MAX_VALUE).size();
                assertThat(stored % PER_BATCH).as("batches are in it whole or not at all").isZero();
                assertThat(stored).as("every batch acknowledged before the backup was asked for")
                        .isGreaterThanOrEqualTo(ackedBefore.size() * PER_BATCH)
                        .isLessThanOrEqualTo(acknowledged.size() * PER_BATCH);
                for (int b : ackedBefore) {
                    assertThat(copy.readRaw(MeterRef.of("default", "m1"), ts(start, b, 0), ts(start, b, PER_BATCH))).hasSize(PER_BATCH);
                }
            }
            assertThat(backup.resolve("nilm").resolve("model.json")).hasContent("{\"appliances\":[]}");

            clock.advanceMs(1_000);
            t.send("POST", "/api/v1/backups", null, OWNER);
            clock.advanceMs(1_000);
            t.send("POST", "/api/v1/backups", null, OWNER);
            HttpResponse<String> listed = t.send("GET", "/api/v1/backups", null, OWNER);
            JsonNode backups = JSON.readTree(listed.body()).get("backups");
            assertThat(backups).as("keep 2").hasSize(2);
            assertThat(backups.get(0).get("createdAt").asText()).isGreaterThan(backups.get(1).get("createdAt").asText());
            assertThat(backup).as("the oldest went").doesNotExist();
            assertThat(t.send("GET", "/api/v1/backups", null, OTHER_ADMIN).statusCode()).isEqualTo(403);
        }

        Path newest;
        try (var entries = Files.list(folder)) { // made after the writer stopped: it holds every batch
            newest = entries.filter(p -> p.getFileName().toString().startsWith("backup-")).max(Path::compareTo).orElseThrow();
        }
        try (TestServer restored = TestServer.start(newest, ServerConfig.defaults(0), clock, READER, Scope.READ)) {
            JsonNode raw = JSON.readTree(restored.send("GET", "/api/v1/meters/m1/power?step=raw&from=" + start + "&to=" + (start + 3_600_000L),
                    null, READER).body());
            assertThat(raw.get("points")).as("a server started on the backup serves its readings")
                    .hasSize(acknowledged.size() * PER_BATCH);
        }
    }

    @Test
    void aServerWithABackupIntervalMakesThemOnItsOwn() throws Exception {
        Path folder = dir.resolve("scheduled");
        ServerConfig config = ServerConfig.defaults(0).withBackups(new BackupPlan(folder, 3, 300));
        try (TestServer t = TestServer.start(dir.resolve("data"), config, new MovableClock(System.currentTimeMillis()), OWNER, Scope.ADMIN)) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (t.server.backups().list().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(t.server.backups().list()).as("a backup within 20 s of a 300 ms interval").isNotEmpty();
            String metrics = t.send("GET", "/metrics", null, OWNER).body();
            assertThat(metrics).contains("gridpulse_backups_failed_total 0.0").containsPattern("gridpulse_backups_made_total [1-9]")
                    .containsPattern("gridpulse_backup_last_made_seconds [1-9]");
            assertThat(JSON.readTree(t.send("GET", "/api/v1/health", null, OWNER).body()).get("lastBackup").asText())
                    .as("health says when").startsWith(String.valueOf(java.time.Year.now().getValue()));
        }
    }

    @Test
    void aBackupThatCannotBeMadeSaysWhyAndIsCounted() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("backups"), "a file where the backups folder should be");
        ServerConfig config = ServerConfig.defaults(0).withBackups(new BackupPlan(notAFolder, 3, 0));
        try (TestServer t = TestServer.start(dir.resolve("data"), config, new MovableClock(System.currentTimeMillis()), OWNER, Scope.ADMIN)) {
            HttpResponse<String> refused = t.send("POST", "/api/v1/backups", null, OWNER);
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).contains("cannot make a backup in " + notAFolder);
            assertThat(t.send("GET", "/metrics", null, OWNER).body()).contains("gridpulse_backups_failed_total 1.0");
            assertThat(t.send("GET", "/api/v1/health", null, OWNER).statusCode()).isEqualTo(200);
        }
    }

    private static String batch(long start, int batch) {
        StringBuilder s = new StringBuilder("{\"readings\":[");
        for (int i = 0; i < PER_BATCH; i++) {
            s.append(i == 0 ? "" : ",").append("{\"ts\":").append(ts(start, batch, i)).append(",\"powerW\":").append(100 + i).append('}');
        }
        return s.append("]}").toString();
    }

    private static long ts(long start, int batch, int i) {
        return start + (batch * PER_BATCH + i) * 1_000L;
    }
}
