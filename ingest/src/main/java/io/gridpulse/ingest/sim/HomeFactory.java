package io.gridpulse.ingest.sim;

import io.gridpulse.ingest.sim.BurstLoad.Moment;
import io.gridpulse.ingest.sim.BurstLoad.Style;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the appliance set of a home from its seed: which appliances it owns, how big they are and
 * how its people use them. Ownership rates follow Korean apartment homes roughly (almost all have a
 * rice cooker and a kimchi fridge, most an AC, gas floor heating with an electric mat on top).
 * Every appliance type has a fixed random stream, so changing one does not reshuffle the others.
 */
final class HomeFactory {
    private HomeFactory() {}

    static List<Appliance> appliances(long seed, HomeProfile home, SignatureLibrary library) {
        SimRandom rng = new SimRandom(SimRandom.mix(seed, 0xA9911A7CEL));
        int people = home.people();
        List<Appliance> out = new ArrayList<>();
        out.add(new Refrigerator("fridge", (int) rng.range(120, 190), (int) rng.range(2700, 4200), rng.range(0.28, 0.38),
                library.signature(SignatureKind.FRIDGE_CYCLE), (int) rng.range(160, 260), HomeProfile.hours(rng.range(1, 4)),
                SimRandom.mix(seed, 1)));
        if (rng.chance(0.85)) {
            out.add(new Refrigerator("kimchi fridge", (int) rng.range(60, 95), (int) rng.range(3600, 5400), rng.range(0.18, 0.28),
                    library.signature(SignatureKind.FRIDGE_CYCLE), 0, 0, SimRandom.mix(seed, 2)));
        }
        if (rng.chance(0.92)) {
            int cookWatts = rng.chance(0.4) ? (int) rng.range(1000, 1250) : (int) rng.range(600, 1000);
            out.add(new RiceCooker(3, cookWatts, (int) rng.range(100, 160), rng.range(4, 12), rng.range(0.5, 1.0) + people * 0.2));
        }
        out.add(new ScreenDevice(4, ScreenDevice.Habit.TV, (int) rng.range(70, 110) + home.areaSquareMetres() / 2,
                library.signature(SignatureKind.TV_SESSION)));
        if (rng.chance(people >= 3 ? 0.7 : 0.45)) {
            out.add(new ScreenDevice(5, ScreenDevice.Habit.PC, (int) rng.range(80, 260), library.signature(SignatureKind.TV_SESSION)));
        }
        out.add(new WashingMachine(6, library.signature(SignatureKind.WASHER_RUN), 1.5 + people * rng.range(0.9, 1.6), rng.range(0.8, 1.05)));
        if (rng.chance(0.88)) {
            int acWatts = rng.chance(0.5) ? (int) rng.range(1800, 2900) : (int) rng.range(800, 1400);
            out.add(new AirConditioner(7, acWatts, rng.range(27, 30.5)));
        }
        if (rng.chance(0.6)) {
            int matWatts = (int) rng.range(120, 220);
            out.add(new CyclingLoad("electric mat " + matWatts + " W", matWatts, 420, 900, SimRandom.mix(seed, 8),
                    day -> day.meanC() < 8 ? new int[] {day.bedSecond() - 1800, day.wakeSecond() + 86_400} : new int[0]));
        }
        if (rng.chance(0.35)) {
            out.add(new SpaceHeater(9, (int) rng.range(1000, 2000), rng.range(0, 5)));
        }
        if (rng.chance(0.85)) {
            int pumpWatts = (int) rng.range(70, 130);
            out.add(new CyclingLoad("gas boiler pump " + pumpWatts + " W", pumpWatts, 900, 2400, SimRandom.mix(seed, 10),
                    day -> day.meanC() < 10 ? new int[] {0, day.lengthSeconds()} : new int[0]));
        }
        if (rng.chance(0.6)) {
            out.add(new CyclingLoad("bidet seat", (int) rng.range(45, 60), 60, 160, SimRandom.mix(seed, 11), HomeFactory::allDay));
        }
        if (rng.chance(0.45)) {
            out.add(new CyclingLoad("water purifier", (int) rng.range(300, 420), 80, 1200, SimRandom.mix(seed, 12), HomeFactory::allDay));
        }
        if (rng.chance(0.6)) {
            out.add(new SteadyLoad(21, "air purifier", (int) rng.range(20, 55)));
        }
        if (rng.chance(0.4)) {
            int watts = (int) rng.range(250, 400);
            out.add(new CyclingLoad("dehumidifier " + watts + " W", watts, 1200, 2700, SimRandom.mix(seed, 22),
                    day -> day.meanC() > 22 ? new int[] {day.wakeSecond(), day.bedSecond()} : new int[0]));
        }
        out.add(new SteadyLoad(23, "chargers and gadgets", (int) rng.range(10, 25) + 8 * people));
        out.add(lighting(home, rng));
        addKitchen(out, people, library, rng);
        addCleaning(out, people, rng);
        out.add(new StandbyLoad((int) Math.min(74, rng.range(34, 52) + people * 5), SimRandom.mix(seed, 13)));
        return out;
    }

    private static Lighting lighting(HomeProfile home, SimRandom rng) {
        int bedrooms = Math.max(1, Math.min(3, home.areaSquareMetres() / 30));
        int rooms = 3 + bedrooms;
        int[] watts = new int[rooms];
        int[] onSeconds = new int[rooms];
        double[] occupancy = new double[rooms];
        watts[0] = (int) rng.range(50, 100); // living room
        onSeconds[0] = 5400;
        occupancy[0] = 0.85;
        watts[1] = (int) rng.range(20, 45); // kitchen
        onSeconds[1] = 1500;
        occupancy[1] = 0.5;
        watts[2] = (int) rng.range(10, 20); // bathroom
        onSeconds[2] = 600;
        occupancy[2] = 0.3;
        for (int r = 3; r < rooms; r++) {
            watts[r] = (int) rng.range(15, 35);
            onSeconds[r] = 2400;
            occupancy[r] = 0.45;
        }
        return new Lighting(14, watts, onSeconds, occupancy);
    }

    private static void addKitchen(List<Appliance> out, int people, SignatureLibrary library, SimRandom rng) {
        double meals = Math.min(0.8, 0.25 + 0.1 * people);
        if (rng.chance(0.8)) {
            int watts = (int) rng.range(1000, 1400);
            out.add(new BurstLoad(15, String.format("microwave %.1f kW", watts / 1000.0), watts, 40, 300,
                    new Moment[] {Moment.BREAKFAST, Moment.LUNCH, Moment.DINNER, Moment.EVENING}, meals, Style.SIGNATURE,
                    library.signature(SignatureKind.MICROWAVE_RUN)));
        }
        if (rng.chance(0.5)) {
            out.add(new BurstLoad(16, "kettle", (int) rng.range(1600, 2200), 120, 240,
                    new Moment[] {Moment.BREAKFAST, Moment.DAYTIME, Moment.EVENING}, 0.45, Style.CONSTANT, null));
        }
        if (rng.chance(0.4)) {
            int watts = (int) rng.range(1500, 2800);
            out.add(new BurstLoad(17, String.format("induction hob %.1f kW", watts / 1000.0), watts, 600, 2400,
                    new Moment[] {Moment.BREAKFAST, Moment.DINNER}, meals + 0.1, Style.PULSED_LEVELS, null));
        }
    }

    private static void addCleaning(List<Appliance> out, int people, SimRandom rng) {
        if (rng.chance(0.6)) {
            out.add(new BurstLoad(18, "hair dryer", (int) rng.range(1200, 1800), 120, 480,
                    new Moment[] {Moment.MORNING, Moment.EVENING}, Math.min(0.9, 0.25 * people), Style.CONSTANT, null));
        }
        out.add(new BurstLoad(19, "vacuum", (int) rng.range(400, 1200), 600, 1800,
                new Moment[] {Moment.DAYTIME}, 0.3, Style.CONSTANT, null));
        if (rng.chance(0.45)) {
            out.add(new BurstLoad(20, "clothes dryer", (int) rng.range(700, 1000), 4800, 9000,
                    new Moment[] {Moment.EVENING}, 0.15 + 0.08 * people, Style.PULSED_LEVELS, null));
        }
    }

    private static int[] allDay(DayContext day) {
        return new int[] {0, day.lengthSeconds()};
    }
}
