package io.gridpulse.server.mqtt;

import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** A node that only ingests MQTT, run in a child JVM by {@link MqttDurableAckTest} and killed with SIGKILL. */
public final class MqttCrashNode {
    static final String KEY = "mqtt-crash-key-0123456789";

    private MqttCrashNode() {}

    /** args: storage folder, file to write the broker's port to. */
    public static void main(String[] args) throws Exception {
        ReadingStore store = ReadingStore.open(StorageConfig.defaults(Path.of(args[0])), Clock.systemUTC());
        GridPulseServer server = new GridPulseServer(ServerConfig.defaults(0), store, Clock.systemUTC());
        server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.WRITE, "gateway");
        MqttIngestBroker broker = new MqttIngestBroker(server.apiKeys(), server.pipeline(),
                new BatchParser(Clock.systemUTC(), IngestLimits.DEFAULTS)).start("127.0.0.1", 0);
        Path portFile = Path.of(args[1]);
        Files.writeString(portFile.resolveSibling("port.tmp"), Integer.toString(broker.port()));
        Files.move(portFile.resolveSibling("port.tmp"), portFile);
        Thread.sleep(Long.MAX_VALUE);
    }
}
