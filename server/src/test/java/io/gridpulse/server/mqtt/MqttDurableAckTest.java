package io.gridpulse.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.pipeline.IngestAdmission;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "QoS 1 is acknowledged only after durable storage": the PUBACK must not reach the client
 * before the readings are in the store, and after a SIGKILL every acknowledged reading is there.
 */
class MqttDurableAckTest {
    private static final String KEY = "mqtt-durable-key-0123456789";

    @TempDir
    Path dir;

    @Test
    void pubackWaitsUntilTheReadingIsStored() throws Exception {
        long ts = System.currentTimeMillis() / 1000 * 1000;
        MeterRef meter = MeterRef.of("default", "held");
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), Clock.systemUTC())) {
            GridPulseServer server = new GridPulseServer(ServerConfig.defaults(0).withMaxInFlightReadings(1), store, Clock.systemUTC());
            server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.WRITE, "gateway");
            try (MqttIngestBroker broker = new MqttIngestBroker(server.apiKeys(), server.pipeline(),
                    new BatchParser(Clock.systemUTC(), IngestLimits.DEFAULTS)).start("127.0.0.1", 0)) {
                MqttAsyncClient client = connect(broker.port(), "held-client", KEY);
                AtomicReference<List<Reading>> storedWhenAcked = new AtomicReference<>();
                CountDownLatch ackSeen = new CountDownLatch(1);
                IMqttDeliveryToken token;
                // The store's write path is busy (admission full): the publish cannot be written yet.
                try (IngestAdmission.Ticket blocked = server.pipeline().admission().enterWaiting(1)) {
                    token = client.publish("gridpulse/default/held/readings", json(ts, 123), 1, false, null, new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken t) {
                            storedWhenAcked.set(storedNow(store, meter));
                            ackSeen.countDown();
                        }

                        @Override
                        public void onFailure(IMqttToken t, Throwable e) {}
                    });
                    Thread.sleep(1_000);
                    assertThat(token.isComplete()).as("PUBACK while the write was held").isFalse();
                }
                assertThat(ackSeen.await(10, TimeUnit.SECONDS)).as("PUBACK after the write").isTrue();

                assertThat(storedWhenAcked.get()).containsExactly(Reading.ofPower(ts, 123_000));
                client.disconnect().waitForCompletion(5_000);
                client.close();
            }
        }
    }

    @Test
    void everyAcknowledgedReadingSurvivesSigkill() throws Exception {
        Path data = dir.resolve("data");
        Path portFile = dir.resolve("port");
        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MqttCrashNode.class.getName(), data.toString(), portFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        long firstTs = System.currentTimeMillis() / 1000 * 1000 - 3_600_000;
        int meters = 20;
        try {
            MqttAsyncClient client = connect(awaitPort(portFile), "crash-client", MqttCrashNode.KEY);
            for (int second = 0; acked.size() < 3_000 && second < 100_000; second++) {
                for (int m = 0; m < meters; m++) {
                    String key = m + "@" + (firstTs + second * 1000L);
                    publishWhenRoom(client, "gridpulse/default/crash" + m + "/readings", json(firstTs + second * 1000L, m), () -> acked.add(key));
                }
            }
        } finally {
            node.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            node.waitFor(10, TimeUnit.SECONDS);
        }
        Set<String> ackedAtKill = Set.copyOf(acked);

        try (ReadingStore reopened = ReadingStore.open(StorageConfig.defaults(data), Clock.systemUTC())) {
            Set<String> stored = ConcurrentHashMap.newKeySet();
            for (int m = 0; m < meters; m++) {
                int meter = m;
                reopened.readRaw(MeterRef.of("default", "crash" + m), 0, Long.MAX_VALUE)
                        .forEach(r -> stored.add(meter + "@" + r.timestampMs()));
            }
            assertThat(ackedAtKill).hasSizeGreaterThanOrEqualTo(3_000);
            assertThat(stored).containsAll(ackedAtKill);
        }
    }

    private static List<Reading> storedNow(ReadingStore store, MeterRef meter) {
        boolean known = store.meters().list(meter.tenant()).stream().anyMatch(m -> m.ref().equals(meter));
        return known ? store.readRaw(meter, 0, Long.MAX_VALUE) : List.of();
    }

    private static void publishWhenRoom(MqttAsyncClient client, String topic, byte[] payload, Runnable onAck) throws Exception {
        while (true) {
            try {
                client.publish(topic, payload, 1, false, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        onAck.run();
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {}
                });
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    private static int awaitPort(Path portFile) throws Exception {
        for (int i = 0; i < 300 && !Files.exists(portFile); i++) {
            Thread.sleep(50);
        }
        return Integer.parseInt(Files.readString(portFile).trim());
    }

    private static MqttAsyncClient connect(int port, String clientId, String key) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(MqttIngestBroker.GATEWAY_USER);
        options.setPassword(key.toCharArray());
        options.setMaxInflight(500);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static byte[] json(long ts, int powerW) {
        return ("{\"ts\":" + ts + ",\"powerW\":" + powerW + "}").getBytes(StandardCharsets.UTF_8);
    }
}
