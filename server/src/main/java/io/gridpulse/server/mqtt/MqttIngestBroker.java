package io.gridpulse.server.mqtt;

import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.server.auth.ApiKeys;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.pipeline.IngestPipeline;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded MQTT broker (Moquette) that turns publishes on {@code gridpulse/{tenant}/{meterId}/readings}
 * into readings. Payload = the HTTP JSON (one reading or {@code {"readings":[...]}}).
 *
 * <p>Auth: MQTT user name = meter id, password = an API key with write scope; a client may
 * publish only to its own meter in its key's tenant. A gateway (user name {@value #GATEWAY_USER})
 * may publish to any meter of its key's tenant, so a fleet needs few connections. Readings go through the {@link
 * IngestPipeline}. Malformed payloads are counted and logged, never crash the broker.
 *
 * <p>Caveat: Moquette acknowledges QoS 1 before the interceptor stores the readings, so a crash
 * between PUBACK and the store write can lose that message (the HTTP path has no such gap).
 *
 * <p>Back-pressure: see {@link PublishGate}. Parsed messages are stored in batches by the {@link
 * StoreBatcher} (many meters per fsync), which waits for the pipeline's admission limit instead of
 * being refused.
 */
public final class MqttIngestBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestBroker.class);
    /** Largest MQTT message accepted: room for a batch of several thousand readings. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    /** MQTT user name of a gateway that publishes for many meters of its key's tenant. */
    public static final String GATEWAY_USER = "*";
    /** Default bound on publishes acknowledged by Moquette and not yet stored. */
    public static final int DEFAULT_MAX_PENDING_MESSAGES = 4096;
    /** Threads that parse publishes for the {@link StoreBatcher}. */
    static final int STORE_THREADS = 2;
    /** MQTT 3.1.1 has no negative ack: a refused QoS 1 publish sits in the client's window until it
     * reconnects, so the gate waits long and refuses only as a safety valve. */
    private static final long MAX_GATE_WAIT_MS = 600_000;
    /**
     * Commands queued per Moquette session loop. Moquette drops (unacknowledged) a publish that
     * finds its loop's queue full, so it must exceed what all clients keep in flight while the
     * {@link PublishGate} holds the loop; bounded, a few MiB at most.
     */
    static final int SESSION_QUEUE_SIZE = 32_768;

    private final ApiKeys keys;
    private final IngestPipeline pipeline;
    private final BatchParser parser;
    private final Map<String, Principal> principalsByClient = new ConcurrentHashMap<>();
    private final LongAdder readingsAccepted = new LongAdder();
    private final LongAdder messagesRejected = new LongAdder();
    private final Server broker = new Server();
    private final PublishGate gate;
    private final StoreBatcher batcher;
    private int port;

    public MqttIngestBroker(ApiKeys keys, IngestPipeline pipeline, BatchParser parser) {
        this(keys, pipeline, parser, DEFAULT_MAX_PENDING_MESSAGES);
    }

    /** @param maxPendingMessages publishes accepted by the broker and not yet stored, at most */
    public MqttIngestBroker(ApiKeys keys, IngestPipeline pipeline, BatchParser parser, int maxPendingMessages) {
        this.keys = keys;
        this.pipeline = pipeline;
        this.parser = parser;
        this.gate = new PublishGate(maxPendingMessages, MAX_GATE_WAIT_MS);
        this.batcher = new StoreBatcher(pipeline, gate, maxPendingMessages, readingsAccepted::add, messagesRejected::increment);
    }

    public MqttIngestBroker start(String host, int port) {
        Properties props = new Properties();
        props.setProperty("host", host);
        props.setProperty("port", Integer.toString(port));
        props.setProperty("websocket_port", "disabled");
        props.setProperty("allow_anonymous", "false");
        props.setProperty("allow_zero_byte_client_id", "true"); // mosquitto_pub and many devices send none
        props.setProperty("persistence_enabled", "false");
        props.setProperty("telemetry_enabled", "false");
        props.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        props.setProperty("intercept.thread_pool.size", Integer.toString(STORE_THREADS));
        props.setProperty("session_queue_size", Integer.toString(SESSION_QUEUE_SIZE));
        try {
            broker.startServer(new MemoryConfig(props), List.of(new PublishHandler()), null, this::authenticate, new Policy());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MQTT broker on " + host + ":" + port, e);
        }
        this.port = port;
        return this;
    }

    public int port() {
        return port;
    }

    public long readingsAccepted() {
        return readingsAccepted.sum();
    }

    /** Publishes that had to wait because the store was behind (back-pressure applied). */
    public long publishesThrottled() {
        return gate.waits();
    }

    /** Publishes that were refused: bad topic, bad payload, store error or back-pressure timeout. */
    public long messagesRejected() {
        return messagesRejected.sum();
    }

    private boolean authenticate(String clientId, String username, byte[] password) {
        if (username == null || password == null) {
            return false;
        }
        try {
            if (!GATEWAY_USER.equals(username)) {
                new MeterId(username);
            }
            Principal p = keys.authenticate(new String(password, StandardCharsets.UTF_8));
            if (!p.scope().allows(Scope.WRITE)) {
                return false;
            }
            principalsByClient.put(clientId, p);
            return true;
        } catch (GridPulseException e) {
            LOG.info("MQTT client {} refused: {}", clientId, e.getMessage());
            return false;
        }
    }

    /** The meter a client may publish to, if the topic is its own. */
    private Optional<MeterRef> ownMeter(String topic, String username, String clientId) {
        Principal p = principalsByClient.get(clientId);
        return ReadingsTopic.parse(topic).filter(m -> p != null && m.tenant().equals(p.tenant()) && p.mayActFor(m.meter())
                && (m.meter().value().equals(username) || GATEWAY_USER.equals(username)));
    }

    private final class Policy implements IAuthorizatorPolicy {
        @Override
        public boolean canWrite(Topic topic, String user, String client) {
            if (ownMeter(topic.toString(), user, client).isEmpty()) {
                return false;
            }
            if (!gate.enter()) {
                messagesRejected.increment();
                LOG.warn("MQTT publish from {} on {} refused: store behind for {} ms", client, topic, MAX_GATE_WAIT_MS);
                return false;
            }
            return true;
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
            return !GATEWAY_USER.equals(user) && ownMeter(topic.toString(), user, client).isPresent();
        }
    }

    private final class PublishHandler extends AbstractInterceptHandler {
        @Override
        public String getID() {
            return "gridpulse-ingest";
        }

        @Override
        public void onPublish(InterceptPublishMessage msg) {
            boolean handedOver = false;
            try {
                handedOver = parseAndQueue(msg);
            } finally {
                if (!handedOver) {
                    gate.leave();
                }
                super.onPublish(msg); // releases the payload Moquette retained for this handler
            }
        }

        /** True if the message went to the {@link StoreBatcher}, which then owns its gate permit. */
        private boolean parseAndQueue(InterceptPublishMessage msg) {
            Optional<MeterRef> meter = ownMeter(msg.getTopicName(), msg.getUsername(), msg.getClientID());
            if (meter.isEmpty()) {
                reject(msg, "not this client's readings topic");
                return false;
            }
            try {
                List<Reading> readings = parser.parseJson(bytes(msg.getPayload()));
                batcher.submit(new StoreBatcher.Message(meter.get(), readings));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                messagesRejected.increment();
            } catch (GridPulseException e) {
                pipeline.rejected(meter.get());
                reject(msg, e.getMessage());
            } catch (RuntimeException e) {
                messagesRejected.increment();
                LOG.error("MQTT publish on {} failed unexpectedly", msg.getTopicName(), e);
            }
            return false;
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            LOG.error("MQTT session loop error", error);
        }

        private void reject(InterceptPublishMessage msg, String reason) {
            messagesRejected.increment();
            LOG.warn("MQTT publish from {} on {} rejected: {}", msg.getClientID(), msg.getTopicName(), reason);
        }
    }

    private static byte[] bytes(ByteBuf payload) {
        byte[] out = new byte[payload.readableBytes()];
        payload.getBytes(payload.readerIndex(), out);
        return out;
    }

    @Override
    public void close() {
        broker.stopServer();
        batcher.close();
    }
}
