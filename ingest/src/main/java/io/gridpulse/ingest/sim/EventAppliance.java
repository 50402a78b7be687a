package io.gridpulse.ingest.sim;

/**
 * An appliance used in separate events scheduled per day (cooking, a TV session, a wash). Events
 * may run past midnight: drawing a day also draws the previous day's events, shifted, so they
 * continue seamlessly.
 */
abstract class EventAppliance implements Appliance {
    private final int stream;

    /** @param stream distinct per appliance of a home: selects its own random draws per day */
    EventAppliance(int stream) {
        this.stream = stream;
    }

    @Override
    public final void render(DayContext day, DayCanvas canvas) {
        DayContext previous = day.previous();
        if (previous != null) {
            renderDay(previous, canvas.shifted(-previous.lengthSeconds()), previous.random(stream));
        }
        renderDay(day, canvas, day.random(stream));
    }

    /** Draws the events that start on {@code day}; {@code rng} is the same whenever the day is drawn. */
    abstract void renderDay(DayContext day, DayCanvas canvas, SimRandom rng);
}
