package io.gridpulse.ingest.sim;

/**
 * Hand-written stand-ins for the measured shapes, used when no tracebase trace is available. They
 * follow the same phases as the real appliances (compressor start-up overshoot, washer heating and
 * spin, magnetron start, picture brightness drift) so the simulated mains looks alike.
 */
final class ParametricSignatures {
    private ParametricSignatures() {}

    static Signature of(SignatureKind kind) {
        short[] watts = switch (kind) {
            case FRIDGE_CYCLE -> fridgeCycle();
            case WASHER_RUN -> washerRun();
            case MICROWAVE_RUN -> microwaveRun();
            case TV_SESSION -> tvSession();
        };
        return new Signature(kind, watts, "parametric");
    }

    /** Start-up spike, overshoot to ~156 W, slow decay to ~128 W as the evaporator cools. */
    private static short[] fridgeCycle() {
        short[] w = new short[820];
        for (int t = 0; t < w.length; t++) {
            double settle = 128 + 28 * Math.exp(-Math.max(0, t - 60) / 150.0);
            double rise = t < 40 ? 145 + 11 * t / 40.0 : settle;
            w[t] = (short) Math.round(t == 0 ? 290 : rise + ((t * 7) % 3) - 1);
        }
        return w;
    }

    /** Fill and soak, 2.1 kW water heating, drum reversals, rinses, spin ramp. */
    private static short[] washerRun() {
        short[] w = new short[3900];
        for (int t = 0; t < w.length; t++) {
            boolean drumTurning = (t % 16) < 12;
            double motor = drumTurning ? 110 + 50 * Math.sin(t / 3.0) : 12;
            double p;
            if (t < 480) {
                p = motor * 0.8;
            } else if (t < 1440) {
                p = 2080 + (drumTurning ? 40 : 0);
            } else if (t < 3300) {
                p = (t / 300) % 2 == 0 ? motor : motor * 0.6;
            } else if (t < 3780) {
                p = 150 + 300.0 * (t - 3300) / 480;
            } else {
                p = 40;
            }
            w[t] = (short) Math.max(0, Math.round(p));
        }
        return w;
    }

    /** Magnetron ramp then full power with a little ripple. */
    private static short[] microwaveRun() {
        short[] w = new short[90];
        for (int t = 0; t < w.length; t++) {
            w[t] = (short) (t == 0 ? 600 : 1230 + 20 * ((t * 5) % 3));
        }
        return w;
    }

    /** A panel at ~100 W whose draw follows the picture brightness. */
    private static short[] tvSession() {
        short[] w = new short[3600];
        for (int t = 0; t < w.length; t++) {
            w[t] = (short) Math.round(100 + 12 * Math.sin(t / 170.0) + 6 * Math.sin(t / 37.0) + 3 * Math.sin(t / 5.0));
        }
        return w;
    }
}
