package io.gridpulse.ingest.sim;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * One local day of one home: the calendar, the weather and that day's timetable, all derived from
 * (household seed, date) alone so any day can be rebuilt in isolation. Times are local seconds
 * since the day's midnight; late ones exceed 86,400 and spill into the next day.
 */
final class DayContext {
    private static final int SCHEDULE_STREAM = -1;

    private final long householdSeed;
    private final long epochDay;
    private final LocalDate date;
    private final boolean weekend;
    private final double meanC;
    private final int sunriseSecond;
    private final int sunsetSecond;
    private final int wakeSecond;
    private final int leaveSecond;
    private final int returnSecond;
    private final int bedSecond;
    private final int lengthSeconds;
    private final DayContext previous;

    private DayContext(long householdSeed, HomeProfile home, long epochDay, int lengthSeconds, DayContext previous) {
        this.householdSeed = householdSeed;
        this.epochDay = epochDay;
        this.date = LocalDate.ofEpochDay(epochDay);
        this.weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        this.meanC = SeoulClimate.dailyMeanC(epochDay);
        this.sunriseSecond = SeoulClimate.sunriseSecond(date.getDayOfYear());
        this.sunsetSecond = SeoulClimate.sunsetSecond(date.getDayOfYear());
        this.lengthSeconds = lengthSeconds;
        this.previous = previous;
        SimRandom rng = random(SCHEDULE_STREAM);
        this.wakeSecond = home.wakeSecond() + (weekend ? home.weekendLieInSeconds() : 0) + (int) (rng.gaussian() * 900);
        boolean late = !weekend && rng.chance(0.15);
        boolean goesOut = weekend ? rng.chance(0.5) : !home.homeDuringDay() || rng.chance(0.25);
        if (!goesOut) {
            this.leaveSecond = -1;
            this.returnSecond = -1;
        } else if (weekend || home.homeDuringDay()) {
            this.leaveSecond = Math.max(wakeSecond + 1800, HomeProfile.hours(rng.range(10, 15)));
            this.returnSecond = leaveSecond + HomeProfile.hours(rng.range(1.5, 6));
        } else {
            this.leaveSecond = home.leaveSecond() + (int) (rng.gaussian() * 600);
            this.returnSecond = home.returnSecond() + (int) (rng.gaussian() * 1500) + (late ? 7200 : 0);
        }
        boolean lateNight = date.getDayOfWeek() == DayOfWeek.FRIDAY || date.getDayOfWeek() == DayOfWeek.SATURDAY;
        this.bedSecond = Math.max(returnSecond + 3600, home.bedSecond() + (int) (rng.gaussian() * 1200) + (lateNight ? 2400 : 0));
    }

    /** The context of {@code epochDay}, knowing its previous day (whose late events spill over). */
    static DayContext of(long householdSeed, HomeProfile home, long epochDay, int lengthSeconds) {
        DayContext previous = new DayContext(householdSeed, home, epochDay - 1, 86_400, null);
        return new DayContext(householdSeed, home, epochDay, lengthSeconds, previous);
    }

    /** A random source for one appliance on this day; the same for the same (seed, day, stream). */
    SimRandom random(int stream) {
        return new SimRandom(SimRandom.mix(householdSeed, epochDay, stream));
    }

    /** The day before, or null when this context is itself a previous day. */
    DayContext previous() {
        return previous;
    }

    long epochDay() {
        return epochDay;
    }

    LocalDate date() {
        return date;
    }

    boolean weekend() {
        return weekend;
    }

    double meanC() {
        return meanC;
    }

    double maxC() {
        return meanC + 4.5;
    }

    int lengthSeconds() {
        return lengthSeconds;
    }

    int wakeSecond() {
        return wakeSecond;
    }

    int bedSecond() {
        return bedSecond;
    }

    /** Departure of the last person out, or -1 when someone stays home all day. */
    int leaveSecond() {
        return leaveSecond;
    }

    int returnSecond() {
        return returnSecond;
    }

    boolean nobodyHomeAt(int second) {
        return leaveSecond >= 0 && second >= leaveSecond && second < returnSecond;
    }

    /** Someone is home and awake. */
    boolean activeAt(int second) {
        return second >= wakeSecond && second < bedSecond && !nobodyHomeAt(second);
    }

    /** Outside needs lamps (half an hour of dusk margin either side). */
    boolean darkAt(int second) {
        int s = second % 86_400;
        return s < sunriseSecond + 1800 || s > sunsetSecond - 1800;
    }

    /** When the evening at home starts: return from work/outing, else late afternoon. */
    int eveningStartSecond() {
        return leaveSecond >= 0 && returnSecond > HomeProfile.hours(16) ? returnSecond : HomeProfile.hours(17.5);
    }
}
