package io.gridpulse.app.load;

/** Meter ids of one run: {@code <prefix>-<index>}; a fresh prefix per run keeps runs apart. */
record MeterNames(String prefix) {
    String id(int meterIndex) {
        return prefix + "-" + meterIndex;
    }

    static MeterNames forRun(long startEpochS) {
        return new MeterNames("load" + Long.toString(startEpochS, 36));
    }
}
