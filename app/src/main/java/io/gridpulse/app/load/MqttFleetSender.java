package io.gridpulse.app.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bounded number of MQTT connections, each a gateway (user {@code *}) publishing QoS 1 for
 * its slice of meters, one message per meter per second on the meter's own topic. Ack latency =
 * publish → PUBACK. A full in-flight window (the broker holding PUBACKs) makes the worker wait:
 * that is the back-pressure the publisher sees. Connections are {@link MqttGatewayConnection}s:
 * the generator shares the machine with the server, so it must cost little CPU per message.
 */
final class MqttFleetSender implements FleetSender {
    /** Each second's messages go out in 20 slices, 50 ms apart. */
    private static final int PARTS_PER_SECOND = 20;

    private final EventLoopGroup group = new NioEventLoopGroup(1, Thread.ofPlatform().daemon().name("load-mqtt-io").factory());
    private final List<MqttGatewayConnection> connections = new ArrayList<>();
    private final byte[][] topics;
    private final int meters;

    MqttFleetSender(String brokerUrl, String apiKey, String tenant, int connections, int maxInflightPerConnection,
            int meters, MeterNames names, LoadStats stats) throws IOException, InterruptedException {
        this.meters = meters;
        this.topics = new byte[meters][];
        for (int i = 0; i < meters; i++) {
            topics[i] = ("gridpulse/" + tenant + "/" + names.id(i) + "/readings").getBytes(StandardCharsets.UTF_8);
        }
        try {
            for (int c = 0; c < connections; c++) {
                this.connections.add(new MqttGatewayConnection(group, brokerUrl, names.prefix() + "-gw" + c, apiKey,
                        maxInflightPerConnection, stats));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public int workers() {
        return connections.size();
    }

    @Override
    public int partsPerSecond() {
        return PARTS_PER_SECOND;
    }

    @Override
    public void sendPart(int worker, long epochSecond, int part) throws InterruptedException {
        MqttGatewayConnection connection = connections.get(worker);
        byte[] tsDigits = Long.toString(epochSecond * 1000).getBytes(StandardCharsets.US_ASCII);
        int stride = connections.size() * PARTS_PER_SECOND;
        for (int i = worker + part * connections.size(); i < meters; i += stride) {
            connection.publish(topics[i], i, tsDigits, FleetProfile.powerMilliwatts(i, epochSecond));
        }
        connection.flush();
    }

    /** The JSON one meter sends for one second (what {@link MqttGatewayConnection} encodes by hand). */
    static byte[] payload(long epochSecond, long powerMilliwatts) {
        return ("{\"ts\":" + epochSecond * 1000 + ",\"powerW\":" + BigDecimal.valueOf(powerMilliwatts, 3).toPlainString() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void drain(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline && !connections.stream().allMatch(MqttGatewayConnection::idle)) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        connections.forEach(MqttGatewayConnection::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
