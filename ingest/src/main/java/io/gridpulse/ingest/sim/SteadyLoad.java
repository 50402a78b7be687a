package io.gridpulse.ingest.sim;

/**
 * A load that runs steadily while someone is up at home (air purifier in auto mode, a laptop and
 * chargers, a fish-tank pump): a constant with a slow wobble, switched by the day's timetable.
 */
final class SteadyLoad extends EventAppliance {
    private final String label;
    private final int watts;

    SteadyLoad(int stream, String label, int watts) {
        super(stream);
        this.label = label;
        this.watts = watts;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    void renderDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        int mw = (int) (watts * 1000 * rng.range(0.85, 1.15));
        double period = rng.range(900, 2400);
        canvas.addFunction(day.wakeSecond(), day.bedSecond(),
                s -> day.activeAt(s) ? (int) (mw * (1 + 0.15 * Math.sin(s / period * 2 * Math.PI))) : 0);
    }
}
