package io.gridpulse.ingest.sim;

/**
 * Who lives in a simulated home and their usual day, drawn once from the household seed. Times are
 * local seconds since midnight; a bedtime after midnight is above 86,400.
 *
 * @param people household size, 1–5
 * @param areaSquareMetres floor area
 * @param homeDuringDay whether someone is usually home on weekdays (child, retiree, home worker)
 * @param wakeSecond usual weekday wake-up
 * @param leaveSecond usual weekday departure of the last person out (unused if homeDuringDay)
 * @param returnSecond usual weekday return of the first person back
 * @param bedSecond usual bedtime
 * @param weekendLieInSeconds how much later the home wakes at weekends
 */
record HomeProfile(
        int people,
        int areaSquareMetres,
        boolean homeDuringDay,
        int wakeSecond,
        int leaveSecond,
        int returnSecond,
        int bedSecond,
        int weekendLieInSeconds) {

    private static final int[] PEOPLE_WEIGHTS_PERCENT = {30, 28, 21, 17, 4}; // Statistics Korea, rounded

    static HomeProfile draw(SimRandom rng) {
        int people = drawPeople(rng);
        int area = (int) Math.round(Math.min(135, 30 + 14 * people + rng.range(-8, 25)));
        boolean homeDuringDay = rng.chance(people == 1 ? 0.2 : 0.45);
        int wake = hours(rng.range(5.8, 7.6));
        int leave = wake + hours(rng.range(0.6, 1.3));
        int back = hours(rng.range(17.8, 20.5));
        int bed = hours(rng.range(22.3, 25.0));
        return new HomeProfile(people, area, homeDuringDay, wake, leave, back, bed, hours(rng.range(0.5, 2.5)));
    }

    private static int drawPeople(SimRandom rng) {
        int pick = rng.nextInt(100);
        for (int i = 0; i < PEOPLE_WEIGHTS_PERCENT.length; i++) {
            pick -= PEOPLE_WEIGHTS_PERCENT[i];
            if (pick < 0) {
                return i + 1;
            }
        }
        return PEOPLE_WEIGHTS_PERCENT.length;
    }

    static int hours(double h) {
        return (int) Math.round(h * 3600);
    }
}
