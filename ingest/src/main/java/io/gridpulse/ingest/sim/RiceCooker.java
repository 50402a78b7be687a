package io.gridpulse.ingest.sim;

/**
 * An electric rice cooker as Korean homes use it: a cook of ~45 minutes (warm soak, full heat,
 * simmer pulses, steaming) before a meal, then keep-warm for hours — a small element cycling on
 * and off — until the rice is eaten or the next cook. An evening pot is often kept warm overnight.
 */
final class RiceCooker extends EventAppliance {
    private final int cookWatts;
    private final int keepWarmWatts;
    private final double keepWarmHours;
    private final double cooksPerDay;

    /**
     * @param cookWatts heater power while cooking
     * @param keepWarmWatts keep-warm element power while it is on (about half the time)
     * @param keepWarmHours typical keep-warm duration after a cook
     * @param cooksPerDay mean number of cooks a day (0.3–2)
     */
    RiceCooker(int stream, int cookWatts, int keepWarmWatts, double keepWarmHours, double cooksPerDay) {
        super(stream);
        this.cookWatts = cookWatts;
        this.keepWarmWatts = keepWarmWatts;
        this.keepWarmHours = keepWarmHours;
        this.cooksPerDay = cooksPerDay;
    }

    @Override
    public String label() {
        return String.format("rice cooker %.1f kW", cookWatts / 1000.0);
    }

    @Override
    void renderDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        boolean morning = rng.chance(Math.min(0.9, cooksPerDay * 0.45));
        boolean evening = rng.chance(Math.min(0.95, cooksPerDay * 0.55));
        int eveningCook = day.eveningStartSecond() + (int) rng.range(0, 2400);
        if (morning) {
            int start = day.wakeSecond() - (int) rng.range(600, 2400);
            int warmUntil = Math.min(evening ? eveningCook : Integer.MAX_VALUE, start + keepWarm(rng));
            cook(canvas, start, warmUntil, rng);
        }
        if (evening) {
            cook(canvas, eveningCook, eveningCook + keepWarm(rng), rng);
        }
    }

    private int keepWarm(SimRandom rng) {
        return (int) (keepWarmHours * 3600 * rng.range(0.4, 1.6));
    }

    private void cook(DayCanvas canvas, int start, int warmUntil, SimRandom rng) {
        int cookMw = (int) (cookWatts * 1000 * rng.range(0.97, 1.03));
        int soakEnd = start + 480;
        int heatEnd = soakEnd + (int) rng.range(720, 1000);
        int simmerEnd = heatEnd + 540;
        int steamEnd = simmerEnd + 600;
        canvas.addFunction(start, soakEnd, s -> (s - start) % 60 < 12 ? cookMw : 0);
        canvas.addFunction(soakEnd, heatEnd, s -> cookMw - (s - soakEnd) * 30);
        canvas.addFunction(heatEnd, simmerEnd, s -> (s - heatEnd) % 24 < 8 ? cookMw : 0);
        canvas.addFunction(simmerEnd, steamEnd, s -> (s - simmerEnd) % 60 < 8 ? cookMw / 2 : 0);
        int period = (int) rng.range(100, 170);
        int onSeconds = (int) (period * rng.range(0.4, 0.6));
        int warmMw = keepWarmWatts * 1000;
        canvas.addFunction(steamEnd, Math.max(steamEnd, warmUntil), s -> (s - steamEnd) % period < onSeconds ? warmMw : 0);
    }
}
