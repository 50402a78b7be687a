package io.gridpulse.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over TLS with a PKCS#12 key store made by the JDK's keytool. */
class MqttTlsTest {
    private static final String KEY = "mqtt-tls-write-key-012345";
    private static final char[] STORE_PASSWORD = "changeit-tls".toCharArray();

    @TempDir
    Path dir;

    private Path selfSignedKeyStore() throws Exception {
        Path p12 = dir.resolve("mqtt.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "mqtt", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", new String(STORE_PASSWORD)).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(out).isZero();
        return p12;
    }

    private static MqttConnectOptions options(Path trustedStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustedStore)) {
            store.load(in, STORE_PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(ssl.getSocketFactory());
        options.setUserName("tls-meter");
        options.setPassword(KEY.toCharArray());
        options.setConnectionTimeout(5);
        return options;
    }

    @Test
    void readingsArriveOverTlsAndPlainMqttIsNotSpokenOnTheTlsPort() throws Exception {
        Path p12 = selfSignedKeyStore();
        try (TestServer t = TestServer.start(dir.resolve("store"), KEY, Scope.WRITE);
                MqttIngestBroker broker = new MqttIngestBroker(t.server.apiKeys(), t.server.pipeline(),
                        new BatchParser(Clock.systemUTC(), IngestLimits.DEFAULTS))
                        .start("127.0.0.1", -1, 0, MqttTls.fromKeyStore(p12, STORE_PASSWORD))) {
            long now = System.currentTimeMillis() / 1000 * 1000;
            MqttClient client = new MqttClient("ssl://127.0.0.1:" + broker.tlsPort(), "tls-client", new MemoryPersistence());
            client.connect(options(p12));
            client.publish("gridpulse/default/tls-meter/readings", ("{\"ts\":" + now + ",\"powerW\":12.5}").getBytes(StandardCharsets.UTF_8), 1, false);
            client.disconnect();

            assertThat(t.store.readRaw(MeterRef.of("default", "tls-meter"), 0, Long.MAX_VALUE))
                    .as("QoS 1 returns after the PUBACK, which comes after the store").isEqualTo(List.of(Reading.ofPower(now, 12_500)));
            MqttClient plain = new MqttClient("tcp://127.0.0.1:" + broker.tlsPort(), "plain-client", new MemoryPersistence());
            MqttConnectOptions plainOptions = new MqttConnectOptions();
            plainOptions.setUserName("tls-meter");
            plainOptions.setPassword(KEY.toCharArray());
            plainOptions.setConnectionTimeout(3);
            assertThatThrownBy(() -> plain.connect(plainOptions)).isInstanceOf(MqttException.class);
        }
    }
}
