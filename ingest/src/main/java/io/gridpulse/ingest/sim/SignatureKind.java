package io.gridpulse.ingest.sim;

/** The appliance power shapes the simulator draws from a {@link SignatureLibrary}. */
public enum SignatureKind {
    /** One refrigerator compressor on-cycle, from switch-on to switch-off. */
    FRIDGE_CYCLE("Refrigerator", 20, 30),
    /** One complete washing-machine programme (fill, heat, wash, rinse, spin). */
    WASHER_RUN("Washingmachine", 8, 300),
    /** One microwave-oven use (magnetron on, possibly pulsed). */
    MICROWAVE_RUN("MicrowaveOven", 8, 30),
    /** A TV viewing session; used as a texture around its mean (picture brightness changes). */
    TV_SESSION("TV-LCD", 8, 60);

    private final String tracebaseFolder;
    private final int onThresholdWatts;
    private final int maxGapSeconds;

    SignatureKind(String tracebaseFolder, int onThresholdWatts, int maxGapSeconds) {
        this.tracebaseFolder = tracebaseFolder;
        this.onThresholdWatts = onThresholdWatts;
        this.maxGapSeconds = maxGapSeconds;
    }

    /** Folder of the tracebase data set that holds traces of this appliance type. */
    String tracebaseFolder() {
        return tracebaseFolder;
    }

    /** Power above which the appliance counts as running when cutting a run out of a trace. */
    int onThresholdWatts() {
        return onThresholdWatts;
    }

    /** Longest stretch below the threshold that still belongs to the same run. */
    int maxGapSeconds() {
        return maxGapSeconds;
    }
}
