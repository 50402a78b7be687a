package io.gridpulse.app.load;

/**
 * What one load run does.
 *
 * @param meters simulated meters, each sending 1 reading per second
 * @param durationS seconds of sending
 * @param via {@code mqtt} or {@code http}
 * @param targetUrl base URL of a running node, or null to start an embedded one
 * @param mqttUrl broker URL of that node (null: its host, port 1883)
 * @param apiKey write-scope key of the target (null with an embedded node)
 * @param connections MQTT connections, or HTTP requests outstanding at once
 * @param inflightPerConnection MQTT QoS 1 messages awaiting PUBACK per connection
 * @param metersPerRequest HTTP lines (meters) per line-protocol request
 */
public record LoadPlan(int meters, int durationS, Via via, String targetUrl, String mqttUrl, String apiKey,
        int connections, int inflightPerConnection, int metersPerRequest) {
    public enum Via { mqtt, http }

    public LoadPlan {
        if (meters < 1 || durationS < 1 || connections < 1 || inflightPerConnection < 1 || metersPerRequest < 1) {
            throw new IllegalArgumentException("meters, duration, connections, inflight and meters per request must be ≥ 1");
        }
        if (targetUrl != null && apiKey == null) {
            throw new IllegalArgumentException("--target needs --key (an API key with write scope)");
        }
    }

    /** Parses {@code 90}, {@code 90s}, {@code 10m} or {@code 1h} into seconds. */
    public static int seconds(String duration) {
        String d = duration.trim().toLowerCase();
        int unit = d.endsWith("h") ? 3600 : d.endsWith("m") ? 60 : 1;
        String digits = Character.isDigit(d.charAt(d.length() - 1)) ? d : d.substring(0, d.length() - 1);
        return Math.multiplyExact(Integer.parseInt(digits), unit);
    }
}
