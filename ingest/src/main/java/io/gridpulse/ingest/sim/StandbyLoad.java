package io.gridpulse.ingest.sim;

/**
 * The always-on floor of a home (router, set-top box, TV and appliance standby, chargers, door
 * phone, boiler controller): a constant that wanders by a few watts, linearly between random knots
 * every 15 minutes laid on absolute time.
 */
final class StandbyLoad implements Appliance {
    private static final int KNOT_SECONDS = 900;
    private static final double WANDER_WATTS = 4;

    private final int baseWatts;
    private final long seed;

    StandbyLoad(int baseWatts, long seed) {
        this.baseWatts = baseWatts;
        this.seed = seed;
    }

    @Override
    public String label() {
        return "standby " + baseWatts + " W";
    }

    @Override
    public void render(DayContext day, DayCanvas canvas) {
        long start = canvas.dayStartEpochSecond();
        int length = canvas.lengthSeconds();
        long knot = Math.floorDiv(start, KNOT_SECONDS);
        while (knot * KNOT_SECONDS < start + length) {
            int from = canvas.second(knot * KNOT_SECONDS);
            int a = knotMilliwatts(knot);
            int b = knotMilliwatts(knot + 1);
            canvas.addFunction(from, from + KNOT_SECONDS, s -> a + (b - a) * (s - from) / KNOT_SECONDS);
            knot++;
        }
    }

    private int knotMilliwatts(long knot) {
        double wander = new SimRandom(SimRandom.mix(seed, knot)).range(-WANDER_WATTS, WANDER_WATTS);
        return (int) Math.round((baseWatts + wander) * 1000);
    }
}
