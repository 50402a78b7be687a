package io.gridpulse.ingest.sim;

/**
 * A model of one appliance (or one group of small always-on loads) of a simulated home. It draws
 * its power for a day onto a {@link DayCanvas}; what it draws may depend only on the household
 * seed, its own parameters and the day (never on which days were drawn before), so that any range
 * of time is reproducible. Implementations are immutable.
 */
interface Appliance {
    /** Short description for {@link HouseholdSimulator#describe()}, e.g. {@code "AC 1.8 kW"}. */
    String label();

    /**
     * The appliance kind a user would recognise, without its size: the label minus a trailing
     * {@code "150 W"}, {@code "1.8 kW"} or {@code "3/week"}, e.g. {@code "fridge"}, {@code "AC"},
     * {@code "lights"}. Sub-metered channels ({@link HouseholdSimulator#fillAppliances}) are named by it.
     */
    default String name() {
        return label().replaceFirst("\\s+[0-9.]+(\\s*k?W|/week)$", "");
    }

    /** Adds this appliance's draw on {@code day} (including what spills over from the day before). */
    void render(DayContext day, DayCanvas canvas);
}
