package io.gridpulse.app.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One gateway connection of the load generator, kept cheap so the generator does not eat the
 * CPU it measures: QoS 1 PUBLISH packets are encoded by hand into one buffer per burst (one
 * write, one flush), topics are encoded once per meter, and the in-flight window is a semaphore
 * over packet ids. Ack latency = encode → PUBACK. Works against any MQTT 3.1.1 broker.
 *
 * <p>{@link #publish} and {@link #flush} are called by one worker thread; PUBACKs arrive on the
 * event loop.
 */
final class MqttGatewayConnection implements AutoCloseable {
    private static final int MAX_PACKET_ID = 65_535;
    private static final int KEEP_ALIVE_S = 60;
    private static final byte[] TS_FIELD = "{\"ts\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POWER_FIELD = ",\"powerW\":".getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private final LoadStats stats;
    private final int maxInFlight;
    private final Semaphore window;
    /** Send time per packet id; 0 = id free. */
    private final AtomicLongArray sentNanos = new AtomicLongArray(MAX_PACKET_ID + 1);
    private final int[] meterOfPacket = new int[MAX_PACKET_ID + 1];
    private final CompletableFuture<MqttConnectReturnCode> connAck = new CompletableFuture<>();
    private final byte[] payload = new byte[64];
    private int lastPacketId;
    private ByteBuf burst;
    private volatile boolean closed;

    MqttGatewayConnection(EventLoopGroup group, String brokerUrl, String clientId, String apiKey, int maxInFlight,
            LoadStats stats) throws IOException, InterruptedException {
        this.stats = stats;
        this.maxInFlight = Math.min(maxInFlight, MAX_PACKET_ID / 2);
        this.window = new Semaphore(this.maxInFlight);
        URI uri = URI.create(brokerUrl);
        this.channel = new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new Acks());
                    }
                })
                .connect(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort()).sync().channel();
        channel.writeAndFlush(MqttMessageBuilders.connect().clientId(clientId).username("*")
                .password(apiKey.getBytes(StandardCharsets.UTF_8)).protocolVersion(MqttVersion.MQTT_3_1_1)
                .cleanSession(true).keepAlive(KEEP_ALIVE_S).build());
        MqttConnectReturnCode code;
        try {
            code = connAck.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            channel.close();
            throw new IOException("no CONNACK from " + brokerUrl, e);
        }
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            channel.close();
            throw new IOException("MQTT broker " + brokerUrl + " refused the gateway: " + code);
        }
        channel.eventLoop().scheduleAtFixedRate(() -> channel.writeAndFlush(new MqttMessage(fixed(MqttMessageType.PINGREQ, 0))),
                KEEP_ALIVE_S / 2, KEEP_ALIVE_S / 2, TimeUnit.SECONDS);
    }

    /** Adds one QoS 1 publish to the current burst; waits while the in-flight window is full. */
    void publish(byte[] topic, int meter, byte[] tsDigits, long powerMilliwatts) throws InterruptedException {
        stats.recordSent(1);
        if (closed) {
            stats.recordFailed(1);
            return;
        }
        if (!window.tryAcquire()) {
            flush(); // what is queued must go out before its acks can free the window
            stats.recordRetry();
            while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    stats.recordFailed(1);
                    return;
                }
            }
        }
        int payloadLength = encodePayload(payload, tsDigits, powerMilliwatts);
        int packetId = nextFreePacketId();
        meterOfPacket[packetId] = meter;
        if (burst == null) {
            burst = channel.alloc().buffer(64 * 1024);
        }
        burst.writeByte(0x32); // PUBLISH, QoS 1
        writeRemainingLength(burst, 2 + topic.length + 2 + payloadLength);
        burst.writeShort(topic.length).writeBytes(topic).writeShort(packetId).writeBytes(payload, 0, payloadLength);
        sentNanos.set(packetId, System.nanoTime());
    }

    /** Sends the current burst (one write, one flush). */
    void flush() {
        if (burst != null) {
            channel.writeAndFlush(burst);
            burst = null;
        }
    }

    boolean idle() {
        return closed || window.availablePermits() == maxInFlight;
    }

    private int nextFreePacketId() {
        do {
            lastPacketId = lastPacketId == MAX_PACKET_ID ? 1 : lastPacketId + 1;
        } while (sentNanos.get(lastPacketId) != 0); // still in flight (acks may come out of order)
        return lastPacketId;
    }

    /** Writes {@code {"ts":<ms>,"powerW":<W with 3 decimals>}} into {@code out} without garbage; returns its length. */
    static int encodePayload(byte[] out, byte[] tsDigits, long powerMilliwatts) {
        int n = put(out, TS_FIELD, 0);
        n = put(out, tsDigits, n);
        n = put(out, POWER_FIELD, n);
        long mw = powerMilliwatts;
        if (mw < 0) {
            out[n++] = '-';
            mw = -mw;
        }
        n = putDigits(out, mw / 1000, n);
        out[n++] = '.';
        long frac = mw % 1000;
        out[n++] = (byte) ('0' + frac / 100);
        out[n++] = (byte) ('0' + frac / 10 % 10);
        out[n++] = (byte) ('0' + frac % 10);
        out[n++] = '}';
        return n;
    }

    private static int put(byte[] out, byte[] bytes, int at) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private static int putDigits(byte[] out, long value, int at) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        long v = value;
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    private static void writeRemainingLength(ByteBuf out, int length) {
        do {
            int digit = length % 128;
            length /= 128;
            out.writeByte(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
    }

    private static MqttFixedHeader fixed(MqttMessageType type, int remaining) {
        return new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, remaining);
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new MqttMessage(fixed(MqttMessageType.DISCONNECT, 0)));
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private final class Acks extends SimpleChannelInboundHandler<MqttMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            switch (msg.fixedHeader().messageType()) {
                case PUBACK -> acknowledged(((MqttMessageIdVariableHeader) msg.variableHeader()).messageId());
                case CONNACK -> connAck.complete(((MqttConnAckMessage) msg).variableHeader().connectReturnCode());
                default -> { } // PINGRESP
            }
        }

        private void acknowledged(int packetId) {
            long sent = sentNanos.getAndSet(packetId, 0);
            if (sent != 0) {
                stats.recordAcknowledged(meterOfPacket[packetId], System.nanoTime() - sent);
                window.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed = true;
            connAck.complete(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            for (int id = 1; id <= MAX_PACKET_ID; id++) {
                if (sentNanos.getAndSet(id, 0) != 0) {
                    stats.recordFailed(1); // never acknowledged
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
