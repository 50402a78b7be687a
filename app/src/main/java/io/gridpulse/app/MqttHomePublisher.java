package io.gridpulse.app;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.BatchJson;
import io.gridpulse.server.pipeline.IngestPipeline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the demo's simulated readings the way a real meter would: over MQTT, one client per
 * meter (user = meter id, password = API key), QoS 1 on {@code gridpulse/{tenant}/{meter}/readings}.
 * If the broker refuses or fails, the batch goes in-process instead, so no simulated reading is lost.
 */
final class MqttHomePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttHomePublisher.class);

    private final String brokerUrl;
    private final String apiKey;
    private final IngestPipeline fallback;
    private final Map<MeterRef, MqttClient> clients = new ConcurrentHashMap<>();

    MqttHomePublisher(String brokerUrl, String apiKey, IngestPipeline fallback) {
        this.brokerUrl = brokerUrl;
        this.apiKey = apiKey;
        this.fallback = fallback;
    }

    void publish(MeterRef meter, List<Reading> readings) {
        try {
            client(meter).publish("gridpulse/" + meter.tenant() + "/" + meter.meter() + "/readings",
                    BatchJson.of(readings).getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            LOG.warn("MQTT publish of {} failed ({}); storing in-process", meter, e.getMessage());
            clients.remove(meter);
            fallback.ingest(meter, readings);
        }
    }

    private MqttClient client(MeterRef meter) throws MqttException {
        MqttClient existing = clients.get(meter);
        if (existing != null && existing.isConnected()) {
            return existing;
        }
        MqttClient client = new MqttClient(brokerUrl, "sim-" + meter.meter(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(meter.meter().value());
        options.setPassword(apiKey.toCharArray());
        options.setCleanSession(true);
        client.connect(options);
        clients.put(meter, client);
        return client;
    }

    @Override
    public void close() {
        clients.values().forEach(c -> {
            try {
                c.disconnect();
                c.close();
            } catch (MqttException e) {
                LOG.debug("closing MQTT client: {}", e.getMessage());
            }
        });
    }
}
