package io.gridpulse.app.load;

import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.ApiKeys;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.mqtt.MqttIngestBroker;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A complete node inside the load generator's JVM, on loopback only: store in a fresh temp
 * folder (deleted on close), HTTP server, MQTT broker, hourly sealing as {@code serve} does, and a
 * generated write key. In-process means server and generator share one heap and the same two
 * cores — what a single-box deployment under this load would face.
 */
final class EmbeddedNode implements AutoCloseable {
    final String apiKey = ApiKeys.generate();
    private final Path dataDir;
    private final ReadingStore store;
    private final GridPulseServer server;
    private final MqttIngestBroker broker;
    private final ScheduledExecutorService sealing = Executors.newSingleThreadScheduledExecutor();

    EmbeddedNode() {
        try {
            dataDir = Files.createTempDirectory("gridpulse-load-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder for the embedded node", e);
        }
        Clock clock = Clock.systemUTC();
        store = ReadingStore.open(StorageConfig.defaults(dataDir), clock);
        ServerConfig defaults = ServerConfig.defaults(0);
        server = new GridPulseServer(new ServerConfig(0, "127.0.0.1", defaults.maxBodyBytes(), defaults.limits(),
                defaults.maxInFlightReadings(), defaults.silentAfterMs(), defaults.lineProtocol(), defaults.insightMeters(), defaults.backups()), store, clock);
        server.apiKeys().register(apiKey, TenantId.DEFAULT, Scope.WRITE, "load");
        server.start();
        broker = new MqttIngestBroker(server.apiKeys(), server.pipeline(), new BatchParser(clock, IngestLimits.DEFAULTS))
                .start("127.0.0.1", freePort());
        sealing.scheduleWithFixedDelay(store::sealDueHours, 30, 30, TimeUnit.SECONDS);
    }

    String httpUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    String mqttUrl() {
        return "tcp://127.0.0.1:" + broker.port();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sealing.shutdownNow();
        broker.close();
        server.close();
        store.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
