package io.gridpulse.ingest.sim;

/**
 * LED lighting room by room: while someone is up and it is dark outside, each room's lamp goes on
 * and off in stretches (long in the living room, short in the bathroom). Kitchens and bathrooms
 * get light even by day when used.
 */
final class Lighting extends EventAppliance {
    private final int[] roomWatts;
    private final int[] meanOnSeconds;
    private final double[] occupancy;

    /**
     * @param roomWatts lamp power per room
     * @param meanOnSeconds typical on-stretch per room
     * @param occupancy probability per room that a stretch is lit rather than dark
     */
    Lighting(int stream, int[] roomWatts, int[] meanOnSeconds, double[] occupancy) {
        super(stream);
        this.roomWatts = roomWatts.clone();
        this.meanOnSeconds = meanOnSeconds.clone();
        this.occupancy = occupancy.clone();
    }

    @Override
    public String label() {
        int total = 0;
        for (int w : roomWatts) {
            total += w;
        }
        return "lights " + total + " W";
    }

    @Override
    void renderDay(DayContext day, DayCanvas canvas, SimRandom rng) {
        for (int room = 0; room < roomWatts.length; room++) {
            int s = day.wakeSecond();
            while (s < day.bedSecond()) {
                int stretch = (int) (meanOnSeconds[room] * rng.range(0.3, 1.7));
                if (day.activeAt(s) && day.darkAt(s) && rng.chance(occupancy[room])) {
                    int end = Math.min(s + stretch, day.bedSecond());
                    canvas.add(s, end, roomWatts[room] * 1000);
                }
                s += stretch;
            }
        }
    }
}
