package io.gridpulse.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker with an in-process Paho client publishing QoS 1; results read from the
 * store. One broker for the class; each test uses its own meter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttIngestBrokerTest {
    private static final String WRITE_KEY = "mqtt-write-key-0123456789";
    private static final String READ_KEY = "mqtt-read-key-0123456789";
    private final long nowMs = System.currentTimeMillis() / 1000 * 1000;

    @TempDir
    static Path dir;

    private ReadingStore store;
    private GridPulseServer server;
    private MqttIngestBroker broker;
    private MqttClient client;

    @BeforeAll
    void start() throws IOException {
        store = ReadingStore.open(StorageConfig.defaults(dir), Clock.systemUTC());
        server = new GridPulseServer(ServerConfig.defaults(0), store, Clock.systemUTC());
        server.apiKeys().register(WRITE_KEY, TenantId.DEFAULT, Scope.WRITE, "meter");
        server.apiKeys().register(READ_KEY, TenantId.DEFAULT, Scope.READ, "viewer");
        broker = new MqttIngestBroker(server.apiKeys(), server.pipeline(), new BatchParser(Clock.systemUTC(), IngestLimits.DEFAULTS))
                .start("127.0.0.1", freePort());
    }

    @AfterEach
    void disconnect() throws MqttException {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
    }

    @AfterAll
    void stop() {
        broker.close();
        store.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private MqttClient connect(String meter, String key) throws MqttException {
        return connect("test-" + meter, meter, key);
    }

    private MqttClient connect(String clientId, String meter, String key) throws MqttException {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + broker.port(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(meter);
        options.setPassword(key.toCharArray());
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        c.setTimeToWait(5_000);
        c.connect(options);
        return c;
    }

    private void publish(String topic, String json) throws MqttException {
        client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private List<Reading> stored(String meter) {
        MeterRef ref = MeterRef.of("default", meter);
        return store.meters().list(TenantId.DEFAULT).stream().anyMatch(m -> m.ref().equals(ref))
                ? store.readRaw(ref, 0, Long.MAX_VALUE) : List.of();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void qos1BatchOnOwnTopicIsStored() throws Exception {
        client = connect("house", WRITE_KEY);

        publish("gridpulse/default/house/readings",
                "{\"readings\":[{\"ts\":" + nowMs + ",\"powerW\":100},{\"ts\":" + (nowMs + 1000) + ",\"powerW\":200.5}]}");
        // readable a moment before the fsync completes and the broker counts them
        await(() -> stored("house").size() == 2 && broker.readingsAccepted() >= 2);

        assertThat(stored("house")).containsExactly(Reading.ofPower(nowMs, 100_000), Reading.ofPower(nowMs + 1000, 200_500));
        assertThat(broker.readingsAccepted()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void clientWithoutAnIdIsAcceptedAsMosquittoPubSendsNone() throws Exception {
        client = connect("", "no-id", WRITE_KEY);

        publish("gridpulse/default/no-id/readings", "{\"ts\":" + nowMs + ",\"powerW\":42}");
        await(() -> stored("no-id").size() == 1);

        assertThat(stored("no-id")).containsExactly(Reading.ofPower(nowMs, 42_000));
    }

    @Test
    void deviceTokenPublishesOnlyToItsOwnMetersTopic() throws Exception {
        String token = server.apiKeys().issueDeviceToken(TenantId.DEFAULT, new MeterId("socket"));
        client = connect("socket", token);

        publish("gridpulse/default/socket/readings", "{\"ts\":" + nowMs + ",\"powerW\":7}");
        await(() -> stored("socket").size() == 1);
        assertThat(stored("socket")).containsExactly(Reading.ofPower(nowMs, 7_000));
        client.disconnect();
        client.close();

        client = connect("gw-socket", MqttIngestBroker.GATEWAY_USER, token); // as a gateway: still only its meter
        client.publish("gridpulse/default/elsewhere/readings", ("{\"ts\":" + nowMs + ",\"powerW\":7}").getBytes(StandardCharsets.UTF_8), 0, false);
        publish("gridpulse/default/socket/readings", "{\"ts\":" + (nowMs + 1000) + ",\"powerW\":8}");
        await(() -> stored("socket").size() == 2);
        assertThat(stored("elsewhere")).isEmpty();
    }

    @Test
    void malformedPayloadIsCountedAndBrokerKeepsWorking() throws Exception {
        client = connect("fridge", WRITE_KEY);
        long rejectedBefore = broker.messagesRejected();

        publish("gridpulse/default/fridge/readings", "{not json");
        publish("gridpulse/default/fridge/readings", "{\"ts\":" + nowMs + ",\"powerW\":1}");
        await(() -> stored("fridge").size() == 1);

        assertThat(stored("fridge")).hasSize(1);
        assertThat(broker.messagesRejected()).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void publishToAnotherMetersTopicStoresNothing() throws Exception {
        client = connect("kettle", WRITE_KEY);

        // MQTT 3.1.1 cannot refuse a QoS 1 publish; the broker drops it unacknowledged, so send QoS 0.
        client.publish("gridpulse/default/neighbour/readings", ("{\"ts\":" + nowMs + ",\"powerW\":1}").getBytes(StandardCharsets.UTF_8), 0, false);
        publish("gridpulse/default/kettle/readings", "{\"ts\":" + nowMs + ",\"powerW\":2}");
        await(() -> stored("kettle").size() == 1);

        assertThat(stored("neighbour")).isEmpty();
        assertThat(stored("kettle")).containsExactly(Reading.ofPower(nowMs, 2_000));
    }

    @Test
    void wrongOrReadOnlyKeyCannotConnect() {
        assertThatThrownBy(() -> connect("house", "not-a-key-0123456789")).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect("house", READ_KEY)).isInstanceOf(MqttException.class);
    }

    @Test
    void gatewayWithWriteKeyPublishesForSeveralMetersOfItsTenant() throws Exception {
        client = connect(MqttIngestBroker.GATEWAY_USER, WRITE_KEY);

        publish("gridpulse/default/flat-1/readings", "{\"ts\":" + nowMs + ",\"powerW\":10}");
        publish("gridpulse/default/flat-2/readings", "{\"ts\":" + nowMs + ",\"powerW\":20}");
        await(() -> stored("flat-1").size() == 1 && stored("flat-2").size() == 1);

        assertThat(stored("flat-1")).containsExactly(Reading.ofPower(nowMs, 10_000));
        assertThat(stored("flat-2")).containsExactly(Reading.ofPower(nowMs, 20_000));
    }

    @Test
    void gatewayCannotPublishToAnotherTenant() throws Exception {
        client = connect(MqttIngestBroker.GATEWAY_USER, WRITE_KEY);
        long rejectedBefore = broker.messagesRejected();

        client.publish("gridpulse/other/flat-9/readings", ("{\"ts\":" + nowMs + ",\"powerW\":1}").getBytes(StandardCharsets.UTF_8), 0, false);
        publish("gridpulse/default/flat-3/readings", "{\"ts\":" + nowMs + ",\"powerW\":3}");
        await(() -> stored("flat-3").size() == 1);

        assertThat(store.meters().list(new TenantId("other"))).isEmpty();
        assertThat(stored("flat-3")).hasSize(1);
    }

    @Test
    void gatewayNeedsAWriteKey() {
        assertThatThrownBy(() -> connect(MqttIngestBroker.GATEWAY_USER, READ_KEY)).isInstanceOf(MqttException.class);
    }

    @Test
    void qos2PublishIsStoredOnce() throws Exception {
        client = connect("boiler", WRITE_KEY);

        client.publish("gridpulse/default/boiler/readings", ("{\"ts\":" + nowMs + ",\"powerW\":7}").getBytes(StandardCharsets.UTF_8), 2, false);

        assertThat(stored("boiler")).containsExactly(Reading.ofPower(nowMs, 7_000)); // PUBCOMP came after the store
    }

    @Test
    void subscriptionsAreRefusedAndTheConnectionStaysUsable() throws Exception {
        client = connect("oven", WRITE_KEY);

        assertThatThrownBy(() -> client.subscribe("gridpulse/default/oven/readings", 1)).isInstanceOf(MqttException.class);
        publish("gridpulse/default/oven/readings", "{\"ts\":" + nowMs + ",\"powerW\":8}");

        assertThat(stored("oven")).containsExactly(Reading.ofPower(nowMs, 8_000));
    }

    @Test
    void topicParsingAcceptsOnlyReadingsTopics() {
        assertThat(ReadingsTopic.parse("gridpulse/default/house/readings")).contains(MeterRef.of("default", "house"));
        assertThat(ReadingsTopic.parse("gridpulse/default/house/status")).isEmpty();
        assertThat(ReadingsTopic.parse("gridpulse/Bad Tenant/house/readings")).isEmpty();
        assertThat(ReadingsTopic.of(MeterRef.of("default", "house"))).isEqualTo("gridpulse/default/house/readings");
    }
}
