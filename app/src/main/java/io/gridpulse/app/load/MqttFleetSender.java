package io.gridpulse.app.load;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A bounded number of MQTT connections, each a gateway (user {@code *}) publishing QoS 1 for
 * its slice of meters, one message per meter per second on the meter's own topic. Ack latency =
 * publish call → PUBACK. A full in-flight window (the broker holding PUBACKs) makes the worker
 * wait: that is the back-pressure the publisher sees.
 */
final class MqttFleetSender implements FleetSender {
    private static final long WINDOW_FULL_PAUSE_MS = 1;
    /** Each second's messages go out in 20 slices, 50 ms apart. */
    private static final int PARTS_PER_SECOND = 20;

    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final int meters;
    private final String tenant;
    private final MeterNames names;
    private final LoadStats stats;

    MqttFleetSender(String brokerUrl, String apiKey, String tenant, int connections, int maxInflightPerConnection,
            int meters, MeterNames names, LoadStats stats) throws MqttException {
        this.meters = meters;
        this.tenant = tenant;
        this.names = names;
        this.stats = stats;
        for (int c = 0; c < connections; c++) {
            MqttAsyncClient client = new MqttAsyncClient(brokerUrl, names.prefix() + "-gw" + c, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName("*");
            options.setPassword(apiKey.toCharArray());
            options.setCleanSession(true);
            options.setMaxInflight(maxInflightPerConnection);
            options.setKeepAliveInterval(60);
            client.connect(options).waitForCompletion(10_000);
            clients.add(client);
        }
    }

    @Override
    public int workers() {
        return clients.size();
    }

    @Override
    public int partsPerSecond() {
        return PARTS_PER_SECOND;
    }

    @Override
    public void sendPart(int worker, long epochSecond, int part) throws InterruptedException {
        MqttAsyncClient client = clients.get(worker);
        int stride = clients.size() * PARTS_PER_SECOND;
        for (int i = worker + part * clients.size(); i < meters; i += stride) {
            publish(client, i, epochSecond);
        }
    }

    private void publish(MqttAsyncClient client, int meter, long epochSecond) throws InterruptedException {
        byte[] payload = payload(epochSecond, FleetProfile.powerMilliwatts(meter, epochSecond));
        String topic = "gridpulse/" + tenant + "/" + names.id(meter) + "/readings";
        while (true) {
            long sentNanos = System.nanoTime();
            try {
                client.publish(topic, payload, 1, false, null, new Ack(meter, sentNanos));
                stats.recordSent(1);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    stats.recordSent(1);
                    stats.recordFailed(1);
                    return;
                }
                stats.recordRetry();
                Thread.sleep(WINDOW_FULL_PAUSE_MS);
            }
        }
    }

    static byte[] payload(long epochSecond, long powerMilliwatts) {
        return ("{\"ts\":" + epochSecond * 1000 + ",\"powerW\":" + BigDecimal.valueOf(powerMilliwatts, 3).toPlainString() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void drain(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline && clients.stream().anyMatch(c -> c.getPendingDeliveryTokens().length > 0)) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        for (MqttAsyncClient c : clients) {
            try {
                c.disconnect(5_000).waitForCompletion(6_000);
                c.close();
            } catch (MqttException e) {
                // closing at the end of a run; nothing left to report
            }
        }
    }

    private final class Ack implements IMqttActionListener {
        private final int meter;
        private final long sentNanos;

        Ack(int meter, long sentNanos) {
            this.meter = meter;
            this.sentNanos = sentNanos;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            stats.recordAcknowledged(meter, System.nanoTime() - sentNanos);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
            stats.recordFailed(1);
        }
    }
}
