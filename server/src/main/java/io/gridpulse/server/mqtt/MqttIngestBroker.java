package io.gridpulse.server.mqtt;

import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.server.auth.ApiKeys;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.pipeline.IngestPipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded MQTT 3.1.1 ingest endpoint (Netty's MQTT codec, our own session handling) that turns
 * publishes on {@code gridpulse/{tenant}/{meterId}/readings} into readings. Payload = the HTTP
 * JSON (one reading or {@code {"readings":[...]}}).
 *
 * <p>Durable acknowledgement: a QoS 1 publish gets its PUBACK only after its readings are in the
 * fsync'd store ({@link StoreBatcher}), so nothing acknowledged is lost in a crash. Off-the-shelf
 * embedded brokers (Moquette ≤ 0.17, the newest on Maven Central) acknowledge before any hook
 * has stored the message.
 *
 * <p>Auth: MQTT user name = meter id, password = the meter's device token or an API key with
 * write scope; a client may publish only to its own meter in its key's tenant (a device token: only
 * to its meter, also as a gateway). A gateway (user name {@value #GATEWAY_USER})
 * may publish to any meter of its key's tenant, so a fleet needs few connections. Readings go
 * through the {@link IngestPipeline}. Malformed payloads are counted and logged, never crash the
 * broker.
 *
 * <p>Back-pressure: see {@link PublishGate}; everything between socket and disk is bounded.
 */
public final class MqttIngestBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestBroker.class);
    /** Largest MQTT message accepted: room for a batch of several thousand readings. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    /** MQTT user name of a gateway that publishes for many meters of its key's tenant. */
    public static final String GATEWAY_USER = "*";
    /** Default bound on publishes received and not yet stored (and so not yet acknowledged). */
    public static final int DEFAULT_MAX_PENDING_MESSAGES = 16_384;
    /** Event-loop threads for socket I/O, MQTT decoding and payload parsing. */
    static final int IO_THREADS = 2;

    private final ApiKeys keys;
    private final IngestPipeline pipeline;
    private final BatchParser parser;
    private final LongAdder readingsAccepted = new LongAdder();
    private final LongAdder messagesRejected = new LongAdder();
    private final Map<String, Channel> clients = new ConcurrentHashMap<>();
    private final PublishGate gate;
    private final StoreBatcher batcher;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private EventLoopGroup acceptor;
    private EventLoopGroup io;
    private int port;
    private int tlsPort;

    public MqttIngestBroker(ApiKeys keys, IngestPipeline pipeline, BatchParser parser) {
        this(keys, pipeline, parser, DEFAULT_MAX_PENDING_MESSAGES);
    }

    /** @param maxPendingMessages publishes received and not yet stored, at most */
    public MqttIngestBroker(ApiKeys keys, IngestPipeline pipeline, BatchParser parser, int maxPendingMessages) {
        this.keys = keys;
        this.pipeline = pipeline;
        this.parser = parser;
        this.gate = new PublishGate(maxPendingMessages);
        this.batcher = new StoreBatcher(pipeline, gate, maxPendingMessages, readingsAccepted::add, messagesRejected::increment);
    }

    /** Listens on host:port (0 = any free port, see {@link #port()}). */
    public MqttIngestBroker start(String host, int port) {
        return start(host, port, -1, null);
    }

    /**
     * Listens on host:port for plain MQTT (a negative port: none) and, when {@code tls} is given,
     * on host:tlsPort for MQTT over TLS (see {@link MqttTls}).
     */
    public MqttIngestBroker start(String host, int port, int tlsPort, SslContext tls) {
        acceptor = new NioEventLoopGroup(1, Thread.ofPlatform().daemon().name("mqtt-accept").factory());
        io = new NioEventLoopGroup(IO_THREADS, Thread.ofPlatform().daemon().name("mqtt-io-", 0).factory());
        if (port >= 0) {
            this.port = bind(host, port, null);
        }
        if (tls != null) {
            this.tlsPort = bind(host, tlsPort, tls);
        }
        return this;
    }

    private int bind(String host, int port, SslContext tls) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(acceptor, io).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("decoder", new MqttDecoder(MAX_MESSAGE_BYTES));
                        ch.pipeline().addLast("encoder", MqttEncoder.INSTANCE);
                        ch.pipeline().addLast("session", new MqttSession(MqttIngestBroker.this));
                    }
                });
        try {
            Channel server = bootstrap.bind(host, port).sync().channel();
            channels.add(server);
            return ((java.net.InetSocketAddress) server.localAddress()).getPort();
        } catch (Exception e) { // Netty rethrows the BindException undeclared
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            IOException cause = e instanceof IOException io ? io : new IOException(e);
            throw new UncheckedIOException("cannot start MQTT broker on " + host + ":" + port, cause);
        }
    }

    /** The TLS port, or 0 when TLS is off. */
    public int tlsPort() {
        return tlsPort;
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

    /** Publishes that were refused: bad topic, bad payload or store error. */
    public long messagesRejected() {
        return messagesRejected.sum();
    }

    Optional<Principal> authenticate(String clientId, String username, byte[] password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        try {
            if (!GATEWAY_USER.equals(username)) {
                new MeterId(username);
            }
            Principal p = keys.authenticate(new String(password, StandardCharsets.UTF_8));
            return p.scope().allows(Scope.WRITE) ? Optional.of(p) : Optional.empty();
        } catch (GridPulseException | IllegalArgumentException e) {
            LOG.info("MQTT client {} refused: {}", clientId, e.getMessage());
            return Optional.empty();
        }
    }

    /** The meter a client may publish to, if the topic is its own (or a gateway's tenant's). */
    Optional<MeterRef> meterOf(String topic, String username, Principal principal) {
        return ReadingsTopic.parse(topic).filter(m -> m.tenant().equals(principal.tenant()) && principal.mayActFor(m.meter())
                && (GATEWAY_USER.equals(username) || m.meter().value().equals(username)));
    }

    /** A new connection with a client id in use takes over: the older one is closed (MQTT 3.1.1 §3.1.4). */
    void registerClient(String clientId, Channel channel) {
        Channel previous = clients.put(clientId, channel);
        if (previous != null && previous != channel) {
            previous.close();
        }
    }

    void unregisterClient(String clientId, Channel channel) {
        clients.remove(clientId, channel);
    }

    void rejected() {
        messagesRejected.increment();
    }

    PublishGate gate() {
        return gate;
    }

    StoreBatcher batcher() {
        return batcher;
    }

    BatchParser parser() {
        return parser;
    }

    IngestPipeline pipeline() {
        return pipeline;
    }

    /** Stops listening and drops connections; publishes already received are still stored (not acknowledged). */
    @Override
    public void close() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (acceptor != null) {
            acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        batcher.close();
    }
}
