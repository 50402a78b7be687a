package io.gridpulse.ingest.sim;

/**
 * A portable electric heater (fan heater or radiator) used on cold days around waking and in the
 * evening, its thermostat switching the full element on for minutes at a time.
 */
final class SpaceHeater extends EventAppliance {
    private final int ratedWatts;
    private final double coldBelowC;

    /** @param coldBelowC outdoor daily mean below which the heater comes out */
    SpaceHeater(int stream, int ratedWatts, double coldBelowC) {
        super(stream);
        this.ratedWatts = ratedWatts;
        this.coldBelowC = coldBelowC;
    }

    @Override
    public String label() {
        return String.format("heater %.1f kW", ratedWatts / 1000.0);
    }

    @Override
    void renderDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        double cold = coldBelowC - day.meanC();
        if (cold < 0) {
            return;
        }
        double chance = Math.min(0.9, 0.4 + 0.1 * cold);
        if (rng.chance(chance)) {
            int start = day.wakeSecond() + (int) rng.range(0, 600);
            session(canvas, start, start + (int) rng.range(1200, 3000), rng);
        }
        if (rng.chance(chance)) {
            int start = day.eveningStartSecond() + (int) rng.range(600, 5400);
            session(canvas, start, start + (int) rng.range(1800, 7200), rng);
        }
    }

    private void session(DayCanvas canvas, int start, int end, SimRandom rng) {
        int period = (int) rng.range(240, 480);
        int onSeconds = (int) (period * rng.range(0.45, 0.8));
        int mw = ratedWatts * 1000;
        canvas.addFunction(start, end, s -> (s - start) < 600 || (s - start) % period < onSeconds ? mw : 0);
    }
}
