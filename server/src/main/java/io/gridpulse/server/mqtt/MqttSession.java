package io.gridpulse.server.mqtt;

import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.auth.Principal;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 3.1.1 connection. QoS 1 publishes are acknowledged only after the {@link StoreBatcher}
 * has stored them durably (QoS 2: PUBREC after the store). A publish that is refused for good
 * (not this client's topic, bad payload) is acknowledged and counted as rejected, as Mosquitto
 * does with ACL denials: MQTT 3.1.1 has no negative ack, and a resend could never succeed.
 * Subscriptions are refused (0x80): this broker only ingests.
 */
final class MqttSession extends ChannelInboundHandlerAdapter implements StoreBatcher.Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final byte SUBSCRIPTION_REFUSED = (byte) 0x80;
    /** Topics remembered per connection (a gateway's meters); cleared when full, so bounded. */
    private static final int MAX_CACHED_TOPICS = 200_000;

    private final MqttIngestBroker broker;
    private Channel channel;
    private String clientId;
    private String username;
    private Principal principal;
    /** Publishes decoded while the gate was full; at most one socket read's worth, since reading stops. */
    private final ArrayDeque<MqttPublishMessage> waiting = new ArrayDeque<>();
    private boolean retryScheduled;
    /** This client's allowed topics, parsed once: parsing and validating ids per publish cost more than the JSON. */
    private final Map<String, MeterRef> allowedTopics = new HashMap<>();

    MqttSession(MqttIngestBroker broker) {
        this.broker = broker;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage m)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (m.decoderResult().isFailure()) {
            LOG.info("MQTT client {} sent an undecodable packet ({}); closing", clientId, m.decoderResult().cause().toString());
            release(m);
            ctx.close();
            return;
        }
        MqttMessageType type = m.fixedHeader().messageType();
        if (principal == null && type != MqttMessageType.CONNECT) {
            release(m);
            ctx.close();
            return;
        }
        switch (type) {
            case CONNECT -> connect(ctx, (MqttConnectMessage) m);
            case PUBLISH -> publish((MqttPublishMessage) m);
            case PUBREL -> ctx.writeAndFlush(ack(MqttMessageType.PUBCOMP, messageId(m)));
            case SUBSCRIBE -> ctx.writeAndFlush(refuse((MqttSubscribeMessage) m));
            case UNSUBSCRIBE -> ctx.writeAndFlush(new MqttUnsubAckMessage(header(MqttMessageType.UNSUBACK, 2),
                    MqttMessageIdVariableHeader.from(((MqttUnsubscribeMessage) m).variableHeader().messageId())));
            case PINGREQ -> ctx.writeAndFlush(new MqttMessage(header(MqttMessageType.PINGRESP, 0)));
            case DISCONNECT -> ctx.close();
            default -> { } // PUBACK/PUBREC/PUBCOMP: this broker never sends publishes
        }
    }

    private void connect(ChannelHandlerContext ctx, MqttConnectMessage m) {
        if (principal != null) {
            ctx.close(); // a second CONNECT is a protocol violation
            return;
        }
        int level = m.variableHeader().version();
        if (level != 3 && level != 4) {
            refuseConnect(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
            return;
        }
        String id = m.payload().clientIdentifier();
        if (id == null || id.isEmpty()) {
            if (!m.variableHeader().isCleanSession()) {
                refuseConnect(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
                return;
            }
            id = "anon-" + ctx.channel().id().asShortText();
        }
        username = m.payload().userName();
        Optional<Principal> p = broker.authenticate(id, username, m.payload().passwordInBytes());
        if (p.isEmpty()) {
            refuseConnect(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            return;
        }
        principal = p.get();
        clientId = id;
        broker.registerClient(clientId, ctx.channel());
        int keepAliveS = m.variableHeader().keepAliveTimeSeconds();
        if (keepAliveS > 0) { // the spec allows 1.5 × keep-alive of silence before the server closes
            ctx.pipeline().addBefore(ctx.name(), "keep-alive", new IdleStateHandler(keepAliveS * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
        ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(false).build());
    }

    private static void refuseConnect(ChannelHandlerContext ctx, MqttConnectReturnCode code) {
        MqttConnAckMessage refusal = MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
        ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
    }

    private void publish(MqttPublishMessage m) {
        if (!waiting.isEmpty() || !broker.gate().tryEnter()) {
            waitForGate(m);
            return;
        }
        handOver(m);
    }

    /** Stops reading the socket and keeps the publish until the store frees a permit. */
    private void waitForGate(MqttPublishMessage m) {
        waiting.add(m);
        channel.config().setAutoRead(false);
        if (!retryScheduled) {
            retryScheduled = true;
            broker.gate().park(() -> onLoop(this::retryWaiting));
        }
    }

    /** Runs on this connection's event loop; nothing to do once the broker has shut it down. */
    private void onLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // broker closing: the connection is gone, its unacknowledged publishes will be resent
        }
    }

    private void retryWaiting() {
        retryScheduled = false;
        while (!waiting.isEmpty() && channel.isActive() && broker.gate().tryEnter()) {
            handOver(waiting.poll());
        }
        if (!channel.isActive()) {
            waiting.forEach(MqttSession::release);
            waiting.clear();
        } else if (waiting.isEmpty()) {
            channel.config().setAutoRead(true);
        } else {
            retryScheduled = true;
            broker.gate().park(() -> onLoop(this::retryWaiting));
        }
    }

    /** Parses a publish holding a gate permit and queues it for the store (or refuses it). */
    private void handOver(MqttPublishMessage m) {
        int qos = m.fixedHeader().qosLevel().value();
        int packetId = m.variableHeader().packetId();
        String topic = m.variableHeader().topicName();
        byte[] payload;
        try {
            payload = ByteBufUtil.getBytes(m.payload());
        } finally {
            m.release();
        }
        MeterRef meter = allowedMeter(topic);
        if (meter == null) {
            refuse(topic, "not this client's readings topic", qos, packetId);
            return;
        }
        List<Reading> readings;
        try {
            readings = broker.parser().parseJson(payload);
        } catch (GridPulseException e) {
            broker.pipeline().rejected(meter);
            refuse(topic, e.getMessage(), qos, packetId);
            return;
        }
        broker.batcher().submit(new StoreBatcher.Message(meter, readings, this, qos, packetId));
    }

    /** The meter of a topic this client may publish to, or null. */
    private MeterRef allowedMeter(String topic) {
        MeterRef known = allowedTopics.get(topic);
        if (known != null) {
            return known;
        }
        Optional<MeterRef> meter = broker.meterOf(topic, username, principal);
        if (meter.isEmpty()) {
            return null;
        }
        if (allowedTopics.size() >= MAX_CACHED_TOPICS) {
            allowedTopics.clear();
        }
        allowedTopics.put(topic, meter.get());
        return meter.get();
    }

    private void refuse(String topic, String reason, int qos, int packetId) {
        broker.gate().leave(1);
        broker.rejected();
        LOG.warn("MQTT publish from {} on {} rejected: {}", clientId, topic, reason);
        if (qos > 0) {
            channel.writeAndFlush(ack(qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC, packetId));
        }
    }

    /** Called by a store writer: the publishes are durable, acknowledge them (one flush). */
    @Override
    public void stored(List<StoreBatcher.Message> messages) {
        onLoop(() -> {
            for (StoreBatcher.Message m : messages) {
                if (m.qos() > 0) {
                    channel.write(ack(m.qos() == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC, m.packetId()));
                }
            }
            channel.flush();
        });
    }

    /** Not stored, so never acknowledged: closing makes the client resend on reconnect. */
    @Override
    public void storeFailed(List<StoreBatcher.Message> messages) {
        channel.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            LOG.info("MQTT client {} silent for 1.5 × its keep-alive; closing", clientId);
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.forEach(MqttSession::release);
        waiting.clear();
        if (clientId != null) {
            broker.unregisterClient(clientId, ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("MQTT connection of {} failed", clientId, cause);
        ctx.close();
    }

    private static MqttMessage ack(MqttMessageType type, int packetId) {
        return new MqttMessage(header(type, 2), MqttMessageIdVariableHeader.from(packetId));
    }

    private static MqttSubAckMessage refuse(MqttSubscribeMessage m) {
        int topics = m.payload().topicSubscriptions().size();
        int[] codes = new int[topics];
        java.util.Arrays.fill(codes, SUBSCRIPTION_REFUSED & 0xFF);
        return new MqttSubAckMessage(header(MqttMessageType.SUBACK, 2 + topics),
                MqttMessageIdVariableHeader.from(m.variableHeader().messageId()), new MqttSubAckPayload(codes));
    }

    private static int messageId(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    private static MqttFixedHeader header(MqttMessageType type, int remainingLength) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttFixedHeader(type, false, qos, false, remainingLength);
    }

    private static void release(MqttMessage m) {
        if (m instanceof MqttPublishMessage p) {
            p.release();
        }
    }
}
