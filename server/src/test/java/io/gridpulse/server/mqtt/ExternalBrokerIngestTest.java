package io.gridpulse.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.TestServer;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --mqtt-url}: readings published to a third-party broker (Moquette here) reach the store. */
class ExternalBrokerIngestTest {
    private final long nowMs = System.currentTimeMillis() / 1000 * 1000;

    @TempDir
    Path dir;

    private Server broker;
    private int port;
    private TestServer gridpulse;
    private MqttClient publisher;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Properties props = new Properties();
        props.setProperty("host", "127.0.0.1");
        props.setProperty("port", Integer.toString(port));
        props.setProperty("websocket_port", "disabled");
        props.setProperty("allow_anonymous", "true");
        props.setProperty("persistence_enabled", "false");
        props.setProperty("telemetry_enabled", "false");
        broker = new Server();
        broker.startServer(new MemoryConfig(props));
        gridpulse = TestServer.start(dir);
        publisher = new MqttClient("tcp://127.0.0.1:" + port, "device-publisher", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        publisher.connect(options);
    }

    @AfterEach
    void stop() throws Exception {
        publisher.disconnect();
        gridpulse.close();
        broker.stopServer();
    }

    private ExternalBrokerIngest subscriber() {
        ExternalBrokerIngest.Settings settings = new ExternalBrokerIngest.Settings("tcp://127.0.0.1:" + port,
                "gridpulse-test", null, null, TenantId.DEFAULT);
        return new ExternalBrokerIngest(settings, gridpulse.server.pipeline(),
                new BatchParser(Clock.systemUTC(), IngestLimits.DEFAULTS)).start();
    }

    private void publish(String topic, String json) throws Exception {
        publisher.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private List<Reading> stored(String meter) {
        MeterRef ref = MeterRef.of("default", meter);
        return gridpulse.store.meters().find(ref).isPresent() ? gridpulse.store.readRaw(ref, 0, Long.MAX_VALUE) : List.of();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void storesReadingsOfItsTenantAndSkipsBadMessages() throws Exception {
        try (ExternalBrokerIngest ingest = subscriber()) {
            publish("gridpulse/default/ext-1/readings", "{\"readings\":[{\"ts\":" + nowMs + ",\"powerW\":100},{\"ts\":"
                    + (nowMs + 1000) + ",\"powerW\":101.5}]}");
            publish("gridpulse/default/ext-1/readings", "{not json");
            publish("gridpulse/other/ext-9/readings", "{\"ts\":" + nowMs + ",\"powerW\":1}");
            publish("gridpulse/default/ext-1/readings", "{\"ts\":" + (nowMs + 2000) + ",\"powerW\":102}");
            await(() -> stored("ext-1").size() == 3);

            assertThat(stored("ext-1")).containsExactly(Reading.ofPower(nowMs, 100_000), Reading.ofPower(nowMs + 1000, 101_500),
                    Reading.ofPower(nowMs + 2000, 102_000));
            assertThat(ingest.messagesRejected()).isEqualTo(1);
            assertThat(gridpulse.store.meters().list(new TenantId("other"))).isEmpty();
        }
    }

    @Test
    void whatWasPublishedWhileGridPulseWasAwayArrivesAfterItReconnects() throws Exception {
        subscriber().close(); // the first connection creates the persistent session at the broker
        publish("gridpulse/default/ext-2/readings", "{\"ts\":" + nowMs + ",\"powerW\":55}");

        try (ExternalBrokerIngest ingest = subscriber()) {
            // a reading is readable a moment before its fsync completes and the subscriber counts it
            await(() -> stored("ext-2").size() == 1 && ingest.readingsStored() == 1);
            assertThat(stored("ext-2")).containsExactly(Reading.ofPower(nowMs, 55_000));
            assertThat(ingest.readingsStored()).isEqualTo(1);
        }
    }
}
