package io.gridpulse.ingest.sim;

/**
 * A thermostat load that cycles at full power while active (bidet seat, water purifier hot tank,
 * electric floor mat, gas boiler pump and fan): cycles on absolute time, drawn only inside the
 * windows its {@link Rule} gives for each day.
 */
final class CyclingLoad implements Appliance {
    private final String label;
    private final int onWatts;
    private final int onSeconds;
    private final CycleClock clock;
    private final Rule rule;

    /** When a load is active on a day. */
    @FunctionalInterface
    interface Rule {
        /** Pairs [from, to) of local seconds of {@code day} (may pass midnight), or an empty array. */
        int[] windows(DayContext day);
    }

    CyclingLoad(String label, int onWatts, int onSeconds, int periodSeconds, long seed, Rule rule) {
        this.label = label;
        this.onWatts = onWatts;
        this.onSeconds = onSeconds;
        this.clock = new CycleClock(periodSeconds, seed);
        this.rule = rule;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void render(DayContext day, DayCanvas canvas) {
        if (day.previous() != null) {
            renderDay(day.previous(), canvas.shifted(-day.previous().lengthSeconds()));
        }
        renderDay(day, canvas);
    }

    private void renderDay(DayContext day, DayCanvas canvas) {
        int[] windows = rule.windows(day);
        for (int i = 0; i + 1 < windows.length; i += 2) {
            int from = windows[i];
            int to = windows[i + 1];
            if (!canvas.overlaps(from, to)) {
                continue;
            }
            clock.forEachCycle(canvas.epochSecond(from), canvas.epochSecond(to), (start, rng) -> {
                int s = canvas.second(start);
                int on = (int) (onSeconds * rng.range(0.85, 1.15));
                canvas.add(Math.max(s, from), Math.min(s + on, to), onWatts * 1000);
            });
        }
    }
}
