package io.gridpulse.bench.fuzz;

import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.mqtt.MqttIngestBroker;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The embedded MQTT endpoint, fed mutated byte streams of whole sessions (CONNECT, PUBLISH at QoS 1
 * with JSON readings, DISCONNECT) over a fresh TCP connection each. Whatever arrives, the session
 * must end once the client has nothing more to send: a session that neither answers nor closes
 * is a finding. After the run a well-formed session still gets its CONNACK and PUBACK.
 */
final class MqttTarget implements FuzzTarget {
    private static final String KEY = "fuzz-mqtt-write-key-0123456789";
    private static final int SESSION_END_MS = 4_000;

    private final ReadingStore store;
    private final GridPulseServer server;
    private final MqttIngestBroker broker;
    private final long dayStartMs;

    MqttTarget(Path dir) {
        Clock clock = Clock.systemUTC();
        store = ReadingStore.open(StorageConfig.defaults(dir), clock);
        server = new GridPulseServer(ServerConfig.defaults(0), store, clock);
        server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.WRITE, "fuzz");
        broker = new MqttIngestBroker(server.apiKeys(), server.pipeline(), new BatchParser(clock, IngestLimits.DEFAULTS))
                .start("127.0.0.1", freePort());
        dayStartMs = (clock.millis() / 86_400_000L - 1) * 86_400_000L;
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public List<byte[]> seeds() {
        String rows = "{\"readings\":[{\"ts\":" + dayStartMs + ",\"powerW\":412.5},{\"ts\":" + (dayStartMs + 1000) + ",\"powerW\":413}]}";
        String one = "{\"ts\":" + (dayStartMs + 2000) + ",\"powerW\":1.5,\"energyWh\":7}";
        return List.of(
                session("fz-1", "gridpulse/default/fz-1/readings", rows, one),
                session("fz-2", "gridpulse/default/fz-2/readings", one),
                session("*", "gridpulse/default/fz-3/readings", rows));
    }

    @Override
    public List<String> dictionary() {
        return List.of("gridpulse/", "/readings", "+", "#", "default", "\u0000\u0004MQTT", "\u00ff\u00ff\u00ff\u007f", "\u0032",
                "\u0082", "\u00e0\u0000");
    }

    @Override
    public void check(byte[] input) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", broker.port()), 2_000);
            socket.setSoTimeout(SESSION_END_MS);
            try {
                socket.getOutputStream().write(input);
                socket.shutdownOutput();
            } catch (IOException e) {
                return; // the endpoint closed the session before reading it all: allowed
            }
            drain(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new FuzzFinding("open session: the endpoint neither answered nor closed within " + SESSION_END_MS + " ms");
        }
    }

    /** After the run, a well-formed session gets CONNACK (accepted) and, once its reading is stored, PUBACK. */
    @Override
    public void afterRun() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", broker.port())) {
            socket.setSoTimeout(SESSION_END_MS);
            byte[] session = session("fz-after", "gridpulse/default/fz-after/readings", "{\"ts\":" + (dayStartMs + 5000) + ",\"powerW\":9}");
            socket.getOutputStream().write(session, 0, session.length - 2); // no DISCONNECT: wait for the PUBACK
            byte[] expected = {0x20, 2, 0, 0, 0x40, 2, 0, 1};
            byte[] answer = socket.getInputStream().readNBytes(expected.length);
            if (!Arrays.equals(answer, expected)) {
                throw new FuzzFinding("after the run: a well-formed session was answered " + Arrays.toString(answer));
            }
        }
    }

    @Override
    public void close() {
        broker.close();
        server.close();
        store.close();
    }

    private static byte[] drain(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // reset by the endpoint after a refusal: the session ended
        }
        return out.toByteArray();
    }

    /** CONNECT (user = meter id, password = the key), one QoS-1 PUBLISH per payload, DISCONNECT. */
    private static byte[] session(String user, String topic, String... payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream connect = new ByteArrayOutputStream();
        connect.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 60});
        string(connect, "fuzz-" + user);
        string(connect, user);
        string(connect, KEY);
        packet(out, 0x10, connect.toByteArray());
        for (int i = 0; i < payloads.length; i++) {
            ByteArrayOutputStream publish = new ByteArrayOutputStream();
            string(publish, topic);
            publish.writeBytes(new byte[] {0, (byte) (i + 1)});
            publish.writeBytes(payloads[i].getBytes(StandardCharsets.UTF_8));
            packet(out, 0x32, publish.toByteArray());
        }
        out.writeBytes(new byte[] {(byte) 0xE0, 0});
        return out.toByteArray();
    }

    private static void packet(ByteArrayOutputStream out, int type, byte[] body) {
        out.write(type);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.writeBytes(body);
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the MQTT endpoint", e);
        }
    }
}
