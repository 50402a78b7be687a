package io.gridpulse.app.crash;

import io.gridpulse.core.Reading;
import io.gridpulse.ingest.BatchJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes batches with QoS 1 as a gateway ({@code *}); {@code publish} returns after the PUBACK,
 * which is the acknowledgement the broker promises to give only after durable storage.
 */
final class MqttBatchSender implements BatchSender {
    private final MqttClient client;

    MqttBatchSender(String brokerUrl, String key, String clientId) throws MqttException {
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("*");
        options.setPassword(key.toCharArray());
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setAutomaticReconnect(false);
        client.setTimeToWait(30_000);
        client.connect(options);
    }

    @Override
    public boolean send(String meterId, List<Reading> batch) throws MqttException {
        client.publish("gridpulse/default/" + meterId + "/readings", BatchJson.of(batch).getBytes(StandardCharsets.UTF_8), 1, false);
        return true;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(100, 100);
            }
            client.close(true);
        } catch (MqttException e) {
            // the server was killed: nothing left to close cleanly
        }
    }
}
