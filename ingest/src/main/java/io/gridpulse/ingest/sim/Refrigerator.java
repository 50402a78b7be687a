package io.gridpulse.ingest.sim;

/**
 * A compressor refrigerator (main fridge or kimchi fridge): on-cycles of a measured or parametric
 * compressor shape laid on absolute time. The on-time grows with room temperature (warm summer
 * kitchens) and with daytime door openings; an optional defrost heater runs once a night, with the
 * compressor held off meanwhile.
 */
final class Refrigerator implements Appliance {
    private static final int DEFROST_SECONDS = 20 * 60;

    private final String name;
    private final int onWatts;
    private final double dutyAt21C;
    private final CycleClock clock;
    private final Signature shape;
    private final int defrostWatts;
    private final int defrostStartSecond;

    /**
     * @param onWatts mean draw while the compressor runs
     * @param periodSeconds one on+off cycle at nominal load
     * @param dutyAt21C fraction of the period the compressor runs at 21 °C room temperature
     * @param defrostWatts defrost heater power, 0 for none
     * @param defrostStartSecond local second of day the defrost starts (between 1 and 4 a.m.)
     */
    Refrigerator(String name, int onWatts, int periodSeconds, double dutyAt21C, Signature shape,
            int defrostWatts, int defrostStartSecond, long seed) {
        this.name = name;
        this.onWatts = onWatts;
        this.dutyAt21C = dutyAt21C;
        this.clock = new CycleClock(periodSeconds, seed);
        this.shape = shape;
        this.defrostWatts = defrostWatts;
        this.defrostStartSecond = defrostStartSecond;
    }

    @Override
    public String label() {
        return name + " " + onWatts + " W";
    }

    @Override
    public void render(DayContext day, DayCanvas canvas) {
        long dayStart = canvas.dayStartEpochSecond();
        double scale = onWatts / shape.meanWatts();
        clock.forEachCycle(dayStart - clock.periodSeconds(), dayStart + canvas.lengthSeconds(), (start, rng) -> {
            long local = start + canvas.zoneOffsetSeconds();
            int secondOfDay = (int) Math.floorMod(local, 86_400L);
            int onSeconds = onSeconds(Math.floorDiv(local, 86_400L), secondOfDay, rng);
            if (!duringDefrost(secondOfDay, onSeconds)) {
                canvas.addShape(canvas.second(start), shape, onSeconds, scale * rng.range(0.97, 1.03));
            }
        });
        if (defrostWatts > 0) {
            canvas.add(defrostStartSecond, defrostStartSecond + DEFROST_SECONDS, defrostWatts * 1000);
        }
    }

    private int onSeconds(long epochDay, int secondOfDay, SimRandom rng) {
        double roomC = 21 + 0.25 * (SeoulClimate.dailyMeanC(epochDay) - 12);
        boolean doorsOpen = secondOfDay > 7 * 3600 && secondOfDay < 23 * 3600;
        double duty = dutyAt21C * (1 + 0.04 * (roomC - 21)) * (doorsOpen ? 1.12 : 0.92) * rng.range(0.92, 1.08);
        return (int) (Math.min(0.75, duty) * clock.periodSeconds());
    }

    private boolean duringDefrost(int startSecondOfDay, int onSeconds) {
        return defrostWatts > 0
                && startSecondOfDay + onSeconds > defrostStartSecond
                && startSecondOfDay < defrostStartSecond + DEFROST_SECONDS;
    }
}
