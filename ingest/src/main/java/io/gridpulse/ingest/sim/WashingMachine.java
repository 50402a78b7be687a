package io.gridpulse.ingest.sim;

/**
 * A drum washing machine: whole programmes from the measured (or parametric) washer run, stretched
 * ±15 % and scaled per wash; more washes at weekends.
 */
final class WashingMachine extends EventAppliance {
    private final Signature run;
    private final double washesPerWeek;
    private final double scale;

    WashingMachine(int stream, Signature run, double washesPerWeek, double scale) {
        super(stream);
        this.run = run;
        this.washesPerWeek = washesPerWeek;
        this.scale = scale;
    }

    @Override
    public String label() {
        return String.format("washer %.0f/week", washesPerWeek);
    }

    @Override
    void renderDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        double perDay = washesPerWeek / 7 * (day.weekend() ? 1.6 : 0.75);
        if (rng.chance(Math.min(0.95, perDay))) {
            wash(canvas, firstStart(day, rng), rng);
        }
        if (rng.chance(Math.max(0, perDay - 1) + (day.weekend() ? 0.2 : 0))) {
            wash(canvas, firstStart(day, rng) + run.lengthSeconds() + (int) rng.range(600, 3600), rng);
        }
    }

    private static int firstStart(DayContext day, SimRandom rng) {
        if (day.leaveSecond() < 0 || day.weekend()) {
            return day.wakeSecond() + (int) rng.range(1800, 4 * 3600);
        }
        return day.eveningStartSecond() + (int) rng.range(1200, 5400);
    }

    private void wash(DayCanvas canvas, int start, SimRandom rng) {
        int length = (int) (run.lengthSeconds() * rng.range(0.85, 1.15));
        canvas.addShape(start, run, length, scale * rng.range(0.95, 1.05));
    }
}
