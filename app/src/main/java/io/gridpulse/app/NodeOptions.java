package io.gridpulse.app;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.ingest.lineprotocol.LineProtocolMapping;
import io.gridpulse.server.backup.BackupPlan;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that run a node ({@code serve}, {@code demo}). */
final class NodeOptions {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--mqtt-port", defaultValue = "1883",
            description = "Embedded MQTT broker port; -1 turns it off (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--mqtt-tls-keystore", description = "PKCS#12 key store (certificate + key) to also accept MQTT over "
            + "TLS on --mqtt-tls-port.")
    Path mqttTlsKeystore;

    @Option(names = "--mqtt-tls-password", description = "Password of that key store (default: $GRIDPULSE_MQTT_TLS_PASSWORD).")
    String mqttTlsPassword;

    @Option(names = "--mqtt-tls-port", defaultValue = "8883", description = "MQTT over TLS port (default: ${DEFAULT-VALUE}).")
    int mqttTlsPort;

    @Option(names = "--mqtt-url", description = "Take readings from an external MQTT broker (e.g. tcp://host:1883, "
            + "ssl://host:8883) instead of the embedded one: subscribes to gridpulse/<tenant>/+/readings, QoS 1.")
    String mqttUrl;

    @Option(names = "--mqtt-user", description = "User name at the external broker (with --mqtt-url).")
    String mqttUser;

    @Option(names = "--mqtt-password", description = "Password at the external broker (default: $GRIDPULSE_MQTT_PASSWORD).")
    String mqttPassword;

    @Option(names = "--mqtt-client-id", defaultValue = "gridpulse-ingest",
            description = "Client id at the external broker; keep it stable: the broker queues for it while GridPulse is "
                    + "down (default: ${DEFAULT-VALUE}).")
    String mqttClientId;

    @Option(names = "--influx-measurement", defaultValue = "power",
            description = "Line protocol: measurement holding readings (Home Assistant: W or kW) (default: ${DEFAULT-VALUE}).")
    String influxMeasurement;

    @Option(names = "--influx-meter-tag", defaultValue = "meter",
            description = "Line protocol: tag holding the meter id (Home Assistant: entity_id) (default: ${DEFAULT-VALUE}).")
    String influxMeterTag;

    @Option(names = "--influx-power-field", defaultValue = "powerW,value", split = ",",
            description = "Line protocol: power field(s), first present wins (default: ${DEFAULT-VALUE}).")
    List<String> influxPowerFields;

    @Option(names = "--influx-energy-field", defaultValue = "energyWh",
            description = "Line protocol: optional energy register field (default: ${DEFAULT-VALUE}).")
    String influxEnergyField;

    @Option(names = "--influx-kilo", description = "Line protocol values are kW / kWh instead of W / Wh.")
    boolean influxKilo;

    LineProtocolMapping lineProtocol() {
        return new LineProtocolMapping(influxMeasurement, influxMeterTag, influxPowerFields, influxEnergyField, influxKilo);
    }

    @Option(names = "--data", defaultValue = "gridpulse-data", description = "Storage folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--insight-meters", defaultValue = "1000", description = "Meters whose anomalies are found as readings "
            + "arrive and pushed (dashboard, webhooks); about 65 KB of heap each; others' are computed when asked "
            + "(default: ${DEFAULT-VALUE}; gridpulse_insight_meters_unplaced_batches_total counts the batches of meters beyond).")
    int insightMeters;

    @Option(names = "--backup-dir", description = "Backups folder (default: <data>-backups beside the storage folder); "
            + "backups are made by POST /api/v1/backups or every --backup-every.")
    Path backupDir;

    @Option(names = "--backup-every", defaultValue = "0", description = "Make a backup this often, e.g. 24h, 6h, 30m "
            + "(default: ${DEFAULT-VALUE} = only when asked).")
    String backupEvery;

    @Option(names = "--backup-keep", defaultValue = "7", description = "Backups kept; the oldest beyond go (default: ${DEFAULT-VALUE}).")
    int backupKeep;

    BackupPlan backups() {
        return new BackupPlan(backupDir, backupKeep, intervalMs("--backup-every", backupEvery));
    }

    /** {@code 0}, or a whole number with m, h or d: minutes, hours, days. */
    static long intervalMs(String option, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("0")) {
            return 0;
        }
        long unitMs = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> -1;
        };
        long count = -1;
        try {
            count = unitMs < 0 ? -1 : Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (count < 1 || count > 366 * 86_400_000L / unitMs) {
            throw new InvalidInputException(option, option + " takes 0 or a whole number of minutes, hours or days"
                    + " such as 30m, 6h or 1d, got '" + text + "'");
        }
        return count * unitMs;
    }
}
