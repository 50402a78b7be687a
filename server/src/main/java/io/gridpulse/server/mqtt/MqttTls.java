package io.gridpulse.server.mqtt;

import io.gridpulse.core.InvalidInputException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/**
 * TLS for the embedded MQTT endpoint from a PKCS#12 key store (certificate chain + private key),
 * e.g. {@code openssl pkcs12 -export -in fullchain.pem -inkey privkey.pem -out mqtt.p12}.
 */
public final class MqttTls {
    private MqttTls() {}

    public static SslContext fromKeyStore(Path pkcs12, char[] password) {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            return SslContextBuilder.forServer(keys).build();
        } catch (Exception e) {
            throw new InvalidInputException("mqtt-tls-keystore", "cannot use " + pkcs12 + " as a PKCS#12 key store for MQTT TLS: "
                    + e.getMessage());
        }
    }
}
