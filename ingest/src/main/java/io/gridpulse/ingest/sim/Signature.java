package io.gridpulse.ingest.sim;

import java.util.Arrays;

/**
 * A power shape sampled once per second, in watts. Appliance models stretch it to the duration
 * they want and scale it to the power they want, so only its form matters.
 *
 * @param kind what the shape is of
 * @param watts power per second, never empty, never negative
 * @param origin where it came from, e.g. {@code tracebase Refrigerator/Refrigerator_2011.11.28.csv}
 */
public record Signature(SignatureKind kind, short[] watts, String origin) {
    public Signature {
        if (watts.length == 0) {
            throw new IllegalArgumentException("empty signature " + kind);
        }
        watts = watts.clone();
        for (short w : watts) {
            if (w < 0) {
                throw new IllegalArgumentException("negative power in signature " + kind);
            }
        }
    }

    public int lengthSeconds() {
        return watts.length;
    }

    public double meanWatts() {
        long sum = 0;
        for (short w : watts) {
            sum += w;
        }
        return (double) sum / watts.length;
    }

    /** The watts at second {@code i} of the shape stretched to {@code lengthSeconds}. */
    int wattsAt(int i, int lengthSeconds) {
        return watts[(int) ((long) i * watts.length / lengthSeconds)];
    }

    @Override
    public short[] watts() {
        return watts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && s.kind == kind && Arrays.equals(s.watts, watts) && s.origin.equals(origin);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(watts);
    }

    @Override
    public String toString() {
        return kind + "(" + watts.length + " s, mean " + Math.round(meanWatts()) + " W, " + origin + ")";
    }
}
