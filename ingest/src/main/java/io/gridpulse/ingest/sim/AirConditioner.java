package io.gridpulse.ingest.sim;

/**
 * An inverter air conditioner, used on hot days only: a pull-down near rated power for the first
 * 10–20 minutes, then a modulating compressor whose level rises with the heat and wanders slowly,
 * with fan-only pauses when it overshoots. Sessions in the evening, on tropical nights with a sleep
 * timer, and in the afternoon when someone is home.
 */
final class AirConditioner extends EventAppliance {
    private static final int FAN_MILLIWATTS = 35_000;

    private final int ratedWatts;
    private final double comfortMaxC;

    /** @param comfortMaxC outdoor daily maximum above which this home starts cooling */
    AirConditioner(int stream, int ratedWatts, double comfortMaxC) {
        super(stream);
        this.ratedWatts = ratedWatts;
        this.comfortMaxC = comfortMaxC;
    }

    @Override
    public String label() {
        return String.format("AC %.1f kW", ratedWatts / 1000.0);
    }

    @Override
    void renderDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        double heat = day.maxC() - comfortMaxC;
        if (heat < -1 || !rng.chance(Math.min(0.95, 0.35 + 0.2 * heat))) {
            return;
        }
        double level = Math.min(0.7, Math.max(0.22, 0.3 + 0.05 * heat));
        int eveningStart = day.eveningStartSecond() + (int) rng.range(0, 1800);
        session(canvas, eveningStart, day.bedSecond(), level, rng);
        if (day.meanC() > 25 && rng.chance(0.6)) {
            session(canvas, day.bedSecond(), day.bedSecond() + (int) rng.range(3600, 3 * 3600), level * 0.8, rng);
        }
        int afternoon = HomeProfile.hours(rng.range(12, 14.5));
        if (heat > 1.5 && !day.nobodyHomeAt(afternoon) && rng.chance(0.7)) {
            session(canvas, afternoon, Math.min(eveningStart, afternoon + (int) rng.range(3600, 4 * 3600)), level, rng);
        }
    }

    private void session(DayCanvas canvas, int start, int end, double level, SimRandom rng) {
        if (end - start < 600) {
            return;
        }
        int pullDownEnd = start + (int) rng.range(600, 1200);
        int pullDownMw = (int) (ratedWatts * 1000 * rng.range(0.85, 1.0));
        int steadyMw = (int) (ratedWatts * 1000 * level);
        double wanderPeriod = rng.range(600, 1800);
        double phase = rng.range(0, 2 * Math.PI);
        int pausePeriod = (int) rng.range(1500, 3000);
        int pauseSeconds = level < 0.3 ? (int) rng.range(180, 480) : 0;
        canvas.addFunction(start, pullDownEnd, s -> s - start < 20 ? pullDownMw * (s - start) / 20 : pullDownMw);
        canvas.addFunction(pullDownEnd, end, s -> {
            if ((s - pullDownEnd) % pausePeriod < pauseSeconds) {
                return FAN_MILLIWATTS;
            }
            return (int) (steadyMw * (1 + 0.18 * Math.sin(phase + (s - pullDownEnd) / wanderPeriod * 2 * Math.PI)));
        });
    }
}
