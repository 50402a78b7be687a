package io.gridpulse.ingest.sim;

/**
 * A TV or a desktop PC: viewing/working sessions shaped by the day's timetable, drawing the
 * measured TV session texture (picture brightness changes) scaled to the device's mean power.
 */
final class ScreenDevice extends EventAppliance {
    /** Which daily habits the device follows. */
    enum Habit { TV, PC }

    private final Habit habit;
    private final int watts;
    private final Signature texture;

    ScreenDevice(int stream, Habit habit, int watts, Signature texture) {
        super(stream);
        this.habit = habit;
        this.watts = watts;
        this.texture = texture;
    }

    @Override
    public String label() {
        return habit + " " + watts + " W";
    }

    @Override
    void renderDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        if (habit == Habit.TV) {
            tvDay(day, canvas, rng);
        } else {
            pcDay(day, canvas, rng);
        }
    }

    private void tvDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        if (rng.chance(0.35)) {
            int start = day.wakeSecond() + (int) rng.range(300, 1200);
            session(canvas, start, start + (int) rng.range(900, 3000), rng);
        }
        if (day.leaveSecond() < 0 || day.weekend()) {
            int start = HomeProfile.hours(rng.range(12.5, 16));
            if (rng.chance(0.55) && !day.nobodyHomeAt(start)) {
                session(canvas, start, start + (int) rng.range(1800, 7200), rng);
            }
        }
        if (rng.chance(0.9)) {
            int start = day.eveningStartSecond() + (int) rng.range(300, 3600);
            int end = day.bedSecond() - (int) rng.range(0, 2400);
            session(canvas, start, end, rng);
        }
    }

    private void pcDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        if (rng.chance(0.7)) {
            int start = day.eveningStartSecond() + (int) rng.range(1800, 7200);
            session(canvas, start, Math.min(day.bedSecond(), start + (int) rng.range(2400, 12_000)), rng);
        }
        if ((day.weekend() || day.leaveSecond() < 0) && rng.chance(0.4)) {
            int start = HomeProfile.hours(rng.range(10, 16));
            session(canvas, start, start + (int) rng.range(1800, 10_800), rng);
        }
    }

    private void session(DayCanvas canvas, int start, int end, SimRandom rng) {
        if (end <= start) {
            return;
        }
        int offset = rng.nextInt(texture.lengthSeconds());
        int length = texture.lengthSeconds();
        int scaleMilli = (int) Math.round(watts * 1000 / texture.meanWatts() * rng.range(0.9, 1.1));
        canvas.addFunction(start, end, s -> texture.wattsAt((s - start + offset) % length, length) * scaleMilli);
    }
}
