package io.gridpulse.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.pipeline.IngestAdmission;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the store is saturated the broker stops acknowledging beyond its pending bound (the
 * publisher's in-flight window fills) instead of buffering or dropping; once the store catches
 * up every publish is acknowledged and stored.
 */
class MqttBackPressureTest {
    private static final String KEY = "mqtt-bp-key-0123456789";
    private static final int MAX_PENDING_MESSAGES = 2;
    private static final int PUBLISHES = 6;

    @TempDir
    Path dir;

    private ReadingStore store;
    private GridPulseServer server;
    private MqttIngestBroker broker;
    private MqttAsyncClient client;

    @BeforeEach
    void start() throws Exception {
        store = ReadingStore.open(StorageConfig.defaults(dir), Clock.systemUTC());
        server = new GridPulseServer(ServerConfig.defaults(0).withMaxInFlightReadings(1), store, Clock.systemUTC());
        server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.WRITE, "gateway");
        broker = new MqttIngestBroker(server.apiKeys(), server.pipeline(),
                new BatchParser(Clock.systemUTC(), IngestLimits.DEFAULTS), MAX_PENDING_MESSAGES).start("127.0.0.1", freePort());
        client = new MqttAsyncClient("tcp://127.0.0.1:" + broker.port(), "bp-test", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(MqttIngestBroker.GATEWAY_USER);
        options.setPassword(KEY.toCharArray());
        options.setMaxInflight(PUBLISHES * 2);
        client.connect(options).waitForCompletion(5_000);
    }

    @AfterEach
    void stop() throws Exception {
        client.disconnect().waitForCompletion(5_000);
        client.close();
        broker.close();
        store.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void saturatedStoreHoldsBackAcknowledgementsAndDropsNothing() throws Exception {
        long nowMs = System.currentTimeMillis() / 1000 * 1000;
        List<IMqttDeliveryToken> tokens = new ArrayList<>();
        long ackedWhileSaturated;
        try (IngestAdmission.Ticket saturated = server.pipeline().admission().enterWaiting(1)) {
            for (int i = 0; i < PUBLISHES; i++) {
                String json = "{\"ts\":" + (nowMs + i * 1000L) + ",\"powerW\":" + (100 + i) + "}";
                tokens.add(client.publish("gridpulse/default/m" + i + "/readings", json.getBytes(StandardCharsets.UTF_8), 1, false));
            }
            Thread.sleep(700);
            ackedWhileSaturated = tokens.stream().filter(IMqttDeliveryToken::isComplete).count();
        }
        for (IMqttDeliveryToken token : tokens) {
            token.waitForCompletion(10_000);
        }
        awaitStored();

        assertThat(ackedWhileSaturated).isLessThanOrEqualTo(MAX_PENDING_MESSAGES);
        assertThat(broker.publishesThrottled()).isPositive();
        for (int i = 0; i < PUBLISHES; i++) {
            assertThat(store.readRaw(MeterRef.of("default", "m" + i), 0, Long.MAX_VALUE)).hasSize(1);
        }
    }

    private void awaitStored() throws InterruptedException {
        for (int i = 0; i < 100 && server.pipeline().acceptedTotal() < PUBLISHES; i++) {
            Thread.sleep(50);
        }
    }
}
