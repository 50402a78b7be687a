package io.gridpulse.app;

/** What a person needs after start: where to look and which key to use. */
final class Banner {
    private Banner() {}

    static void print(GridPulseRuntime runtime, int homes) {
        print(runtime, homes, 0);
    }

    /** @param homesWithoutApplianceModel simulated homes whose appliance model is still to be trained */
    static void print(GridPulseRuntime runtime, int homes, int homesWithoutApplianceModel) {
        String url = runtime.url();
        System.out.println();
        System.out.println("  GridPulse is running.");
        System.out.println("  Dashboard : " + url + "#key=" + runtime.adminKey);
        System.out.println("  API       : " + url + "api/v1  (Authorization: Bearer <key>)");
        System.out.println("  API key   : " + runtime.adminKey
                + (System.getenv(GridPulseRuntime.KEY_ENV) == null ? "  (set " + GridPulseRuntime.KEY_ENV + " to choose it)" : ""));
        if (runtime.mqtt != null) {
            if (runtime.mqtt.port() > 0) {
                System.out.println("  MQTT      : tcp://localhost:" + runtime.mqtt.port()
                        + "  topic gridpulse/default/<meterId>/readings, user <meterId>, password <key>");
            }
            if (runtime.mqtt.tlsPort() > 0) {
                System.out.println("  MQTT TLS  : ssl://localhost:" + runtime.mqtt.tlsPort());
            }
        }
        if (runtime.externalMqtt != null) {
            System.out.println("  MQTT      : subscribed to " + runtime.externalMqtt.topicFilter() + " on the external broker");
        }
        if (homes > 0) {
            System.out.println("  Simulated : " + homes + " homes (meters home-1 .. home-" + homes + "), 1 reading/s each");
            System.out.println("  Appliances: " + (homesWithoutApplianceModel == 0 ? "insights ready (a NILM model per home)"
                    : "models for " + homesWithoutApplianceModel + " home(s) train in the background after the backfill"));
        }
        System.out.println("  Stop with Ctrl+C.");
        System.out.println();
    }
}
