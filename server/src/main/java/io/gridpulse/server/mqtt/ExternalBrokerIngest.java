package io.gridpulse.server.mqtt;

import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.server.pipeline.IngestPipeline;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest from an external broker (Mosquitto, EMQX, …) instead of the embedded endpoint: subscribes
 * to {@code gridpulse/{tenant}/+/readings} with QoS 1 in a persistent session and acknowledges
 * each message to the broker only after its readings are in the fsync'd store (manual acks), so
 * the broker keeps — and redelivers — anything not yet stored, also while GridPulse is down.
 * Who may publish on those topics is the external broker's business (its ACLs).
 */
public final class ExternalBrokerIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalBrokerIngest.class);
    /** Messages received and not yet stored; when full, Paho's delivery thread waits (back-pressure). */
    private static final int MAX_PENDING = 1_024;

    /** Connection settings; {@code username}/{@code password} may be null (anonymous broker). */
    public record Settings(String url, String clientId, String username, String password, TenantId tenant) {}

    private final Settings settings;
    private final IngestPipeline pipeline;
    private final BatchParser parser;
    private final LongAdder readingsStored = new LongAdder();
    private final LongAdder messagesRejected = new LongAdder();
    private final PublishGate gate = new PublishGate(MAX_PENDING);
    /** The embedded endpoint's batching: many messages, one fsync'd write, then the acks. */
    private final StoreBatcher batcher;
    private final StoreBatcher.Publisher acks = new BrokerAcks();
    private final MqttClient client;
    private volatile boolean closed;

    public ExternalBrokerIngest(Settings settings, IngestPipeline pipeline, BatchParser parser) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.parser = parser;
        try {
            this.client = new MqttClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new InvalidInputException("mqtt-url", "bad MQTT broker URL '" + settings.url() + "': " + e.getMessage());
        }
        // a failed store is not a rejection: those messages stay unacknowledged and the broker resends them
        this.batcher = new StoreBatcher(pipeline, gate, MAX_PENDING, readingsStored::add, () -> {});
    }

    /** Connects (fails fast with a clear message if the broker is unreachable), subscribes, starts storing. */
    public ExternalBrokerIngest start() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false); // the broker keeps our subscription and queues while we are away
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(10);
        options.setMaxInflight(MAX_PENDING);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().toCharArray());
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
        try {
            client.connect(options);
            client.subscribe(topicFilter(), 1);
        } catch (MqttException e) {
            close();
            throw new InvalidInputException("mqtt-url", "cannot connect to MQTT broker " + settings.url() + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        }
        return this;
    }

    public String topicFilter() {
        return ReadingsTopic.PREFIX + "/" + settings.tenant() + "/+/" + ReadingsTopic.SUFFIX;
    }

    public long readingsStored() {
        return readingsStored.sum();
    }

    /** Messages dropped with a logged reason (bad topic or payload); acknowledged so the broker stops resending them. */
    public long messagesRejected() {
        return messagesRejected.sum();
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            LOG.info("MQTT: {} {}, taking {}", reconnect ? "reconnected to" : "connected to", serverUri, topicFilter());
            if (reconnect) { // the persistent session kept the subscription; renew it anyway, off Paho's callback thread
                Thread.ofVirtual().start(ExternalBrokerIngest.this::resubscribe);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("MQTT: lost the connection to {} ({}); reconnecting", settings.url(), cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            Optional<MeterRef> meter = ReadingsTopic.parse(topic).filter(m -> m.tenant().equals(settings.tenant()));
            if (meter.isEmpty()) {
                reject(topic, message, "not a readings topic of tenant " + settings.tenant());
                return;
            }
            List<Reading> readings;
            try {
                readings = parser.parseJson(message.getPayload());
            } catch (GridPulseException e) {
                pipeline.rejected(meter.get());
                reject(topic, message, e.getMessage());
                return;
            }
            gate.enter(); // blocks Paho's delivery thread while the store is behind: the broker holds the rest
            batcher.submit(new StoreBatcher.Message(meter.get(), readings, acks, message.getQos(), message.getId()));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // we only subscribe
        }
    }

    /** Paho may report a reconnect before it accepts requests: retry for a few seconds. */
    private void resubscribe() {
        for (int attempt = 1; attempt <= 50 && !closed; attempt++) {
            try {
                client.subscribe(topicFilter(), 1);
                return;
            } catch (MqttException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        LOG.error("MQTT: could not renew the subscription to {}; relying on the broker's persistent session", topicFilter());
    }

    private void reject(String topic, MqttMessage message, String reason) {
        messagesRejected.increment();
        LOG.warn("MQTT message on {} rejected: {}", topic, reason);
        acknowledge(message.getId(), message.getQos());
    }

    /** Acknowledges stored messages to the broker; a failed store reconnects so the broker resends. */
    private final class BrokerAcks implements StoreBatcher.Publisher {
        @Override
        public void stored(List<StoreBatcher.Message> messages) {
            messages.forEach(m -> acknowledge(m.packetId(), m.qos()));
        }

        @Override
        public void storeFailed(List<StoreBatcher.Message> messages) {
            forceReconnect();
        }
    }

    private void acknowledge(int messageId, int qos) {
        try {
            client.messageArrivedComplete(messageId, qos);
        } catch (MqttException e) {
            LOG.warn("MQTT: could not acknowledge message {} (the broker will resend it): {}", messageId, e.getMessage());
        }
    }

    private void forceReconnect() {
        try {
            client.disconnectForcibly(0, 1_000);
            client.reconnect();
        } catch (MqttException e) {
            LOG.warn("MQTT: reconnect after a failed store: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        batcher.close(); // stores and acknowledges what was already received
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close();
        } catch (MqttException e) {
            LOG.debug("MQTT: close: {}", e.getMessage());
        }
    }
}
