package io.gridpulse.ingest.sim;

/**
 * A short, powerful use around a daily moment: microwave, kettle, induction hob, hair dryer,
 * vacuum cleaner, clothes dryer. Its draw is a signature, a constant, or (hobs, dryers) power
 * levels that the electronics reach by pulsing the element.
 */
final class BurstLoad extends EventAppliance {
    /** When in the day the load tends to be used. */
    enum Moment { BREAKFAST, LUNCH, DINNER, MORNING, EVENING, DAYTIME }

    /** How the draw looks while on. */
    enum Style { CONSTANT, SIGNATURE, PULSED_LEVELS }

    private final String label;
    private final int ratedWatts;
    private final int minSeconds;
    private final int maxSeconds;
    private final Moment[] moments;
    private final double chancePerMoment;
    private final Style style;
    private final Signature signature;

    BurstLoad(int stream, String label, int ratedWatts, int minSeconds, int maxSeconds, Moment[] moments,
            double chancePerMoment, Style style, Signature signature) {
        super(stream);
        this.label = label;
        this.ratedWatts = ratedWatts;
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
        this.moments = moments.clone();
        this.chancePerMoment = chancePerMoment;
        this.style = style;
        this.signature = signature;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    void renderDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        for (Moment moment : moments) {
            int start = startOf(moment, day, rng);
            if (rng.chance(chancePerMoment) && day.activeAt(start)) {
                use(canvas, start, start + (int) rng.range(minSeconds, maxSeconds), rng);
            }
        }
    }

    private static int startOf(Moment moment, DayContext day, SimRandom rng) {
        return switch (moment) {
            case BREAKFAST -> day.wakeSecond() + (int) rng.range(600, 2400);
            case LUNCH -> HomeProfile.hours(rng.range(11.8, 13));
            case DINNER -> day.eveningStartSecond() + (int) rng.range(900, 3600);
            case MORNING -> day.wakeSecond() + (int) rng.range(300, 3000);
            case EVENING -> day.eveningStartSecond() + (int) rng.range(3600, 3 * 3600);
            case DAYTIME -> HomeProfile.hours(rng.range(9.5, 17));
        };
    }

    private void use(DayCanvas canvas, int start, int end, SimRandom rng) {
        int mw = (int) (ratedWatts * 1000 * rng.range(0.95, 1.05));
        switch (style) {
            case CONSTANT -> canvas.addFunction(start, end, s -> mw - (s - start) * 20);
            case SIGNATURE -> canvas.addShape(start, signature, end - start, mw / 1000.0 / signature.meanWatts());
            case PULSED_LEVELS -> pulsedLevels(canvas, start, end, mw, rng);
        }
    }

    /** Segments of a few minutes at 30–100 % power; below half power the element pulses 2 s in 5. */
    private static void pulsedLevels(DayCanvas canvas, int start, int end, int mw, SimRandom rng) {
        for (int s = start; s < end; ) {
            int segmentEnd = Math.min(end, s + (int) rng.range(120, 420));
            double level = new double[] {0.3, 0.5, 0.8, 1.0}[rng.nextInt(4)];
            int from = s;
            if (level < 0.5) {
                canvas.addFunction(from, segmentEnd, t -> (t - from) % 5 < 2 ? mw : 0);
            } else {
                canvas.add(from, segmentEnd, (int) (mw * level));
            }
            s = segmentEnd;
        }
    }
}
