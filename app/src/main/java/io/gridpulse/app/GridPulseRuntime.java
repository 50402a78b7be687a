package io.gridpulse.app;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.ApiKeys;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.backup.BackupPlan;
import io.gridpulse.server.mqtt.ExternalBrokerIngest;
import io.gridpulse.server.mqtt.MqttIngestBroker;
import io.gridpulse.server.mqtt.MqttTls;
import io.netty.handler.ssl.SslContext;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring of one GridPulse node: store, sealing schedule, HTTP server, admin key. */
final class GridPulseRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GridPulseRuntime.class);
    static final String KEY_ENV = "GRIDPULSE_API_KEY";

    final ReadingStore store;
    final GridPulseServer server;
    final String adminKey;
    /** The embedded MQTT broker, or null when disabled or an external broker is used. */
    final MqttIngestBroker mqtt;
    /** Ingest from an external broker ({@code --mqtt-url}), or null. */
    final ExternalBrokerIngest externalMqtt;
    private final ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "store-maintenance");
        t.setDaemon(true);
        return t;
    });

    /** Starts a node; {@code node.mqttPort} of -1 means no plain MQTT (TLS only with a key store, else none). */
    GridPulseRuntime(NodeOptions node, Clock clock) {
        BackupPlan backups = node.backups(); // a mistyped option stops here, before the store opens
        this.store = ReadingStore.open(StorageConfig.defaults(node.data), clock);
        this.adminKey = adminKey(System.getenv(KEY_ENV), node.data);
        this.server = new GridPulseServer(ServerConfig.defaults(node.port).withLineProtocol(node.lineProtocol())
                .withInsightMeters(node.insightMeters).withBackups(backups), store, clock);
        server.apiKeys().register(adminKey, TenantId.DEFAULT, Scope.ADMIN, "admin");
        maintenance.scheduleWithFixedDelay(this::seal, 30, 30, TimeUnit.SECONDS);
        server.start();
        BatchParser parser = new BatchParser(clock, IngestLimits.DEFAULTS);
        this.externalMqtt = node.mqttUrl == null ? null : new ExternalBrokerIngest(new ExternalBrokerIngest.Settings(
                node.mqttUrl, node.mqttClientId, node.mqttUser, mqttPassword(node), TenantId.DEFAULT), server.pipeline(), parser)
                .start();
        this.mqtt = (node.mqttPort < 0 && node.mqttTlsKeystore == null) || externalMqtt != null ? null
                : new MqttIngestBroker(server.apiKeys(), server.pipeline(), parser).start("0.0.0.0", node.mqttPort,
                        node.mqttTlsPort, mqttTls(node));
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "gridpulse-shutdown"));
    }

    /** TLS for the embedded MQTT endpoint, or null without {@code --mqtt-tls-keystore}. */
    private static SslContext mqttTls(NodeOptions node) {
        if (node.mqttTlsKeystore == null) {
            return null;
        }
        String password = node.mqttTlsPassword != null ? node.mqttTlsPassword : System.getenv("GRIDPULSE_MQTT_TLS_PASSWORD");
        return MqttTls.fromKeyStore(node.mqttTlsKeystore, password == null ? new char[0] : password.toCharArray());
    }

    private static String mqttPassword(NodeOptions node) {
        return node.mqttPassword != null ? node.mqttPassword : System.getenv("GRIDPULSE_MQTT_PASSWORD");
    }

    private void seal() {
        try {
            long sealed = store.sealDueHours();
            if (sealed > 0) {
                LOG.debug("sealed {} readings into chunks", sealed);
            }
        } catch (RuntimeException e) {
            LOG.error("sealing failed; will retry", e);
        }
    }

    /**
     * GRIDPULSE_API_KEY if set; else the key kept in the data folder; else a new one saved there.
     * A key from the environment that is too short is refused before the server starts, with a
     * line that says how to fix it (the CLI prints {@link InvalidInputException}s as one line).
     */
    static String adminKey(String fromEnv, Path dataDir) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            String key = fromEnv.trim();
            if (key.length() < ApiKeys.MIN_LENGTH) {
                throw new InvalidInputException(KEY_ENV, KEY_ENV + " must have at least " + ApiKeys.MIN_LENGTH
                        + " characters (it has " + key.length() + "); unset it to have a key generated and printed");
            }
            return key;
        }
        Path file = dataDir.resolve("admin-api-key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String key = ApiKeys.generate();
            Files.writeString(file, key + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the admin key in " + file + ": " + e.getMessage(), e);
        }
    }

    String url() {
        return "http://localhost:" + server.port() + "/";
    }

    private volatile boolean closed;

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        maintenance.shutdownNow();
        if (mqtt != null) {
            mqtt.close();
        }
        if (externalMqtt != null) {
            externalMqtt.close();
        }
        server.close();
        store.close();
    }
}
