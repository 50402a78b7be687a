package io.gridpulse.analytics.nilm.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups step magnitudes into appliance signatures: one-dimensional clustering of |ΔP| where a
 * sorted sequence of magnitudes is cut wherever two neighbours differ by more than
 * {@code max(minGapW, relativeGap * magnitude)}. Clusters with fewer than {@code minMembers}
 * steps are noise and dropped. Deterministic.
 */
public final class SignatureClusterer {
    /** Default: cut at gaps over 25 W or 10 %, keep clusters of at least 3 steps. */
    public static final SignatureClusterer DEFAULT = new SignatureClusterer(25, 0.10, 3);

    private final double minGapW;
    private final double relativeGap;
    private final int minMembers;

    public SignatureClusterer(double minGapW, double relativeGap, int minMembers) {
        this.minGapW = minGapW;
        this.relativeGap = relativeGap;
        this.minMembers = minMembers;
    }

    /** A cluster of similar step magnitudes. */
    public record Signature(double medianW, double minW, double maxW, int members) {
        /** Whether a magnitude fits this signature within the given relative slack. */
        public boolean matches(double magnitudeW, double slackW, double relativeSlack) {
            double slack = Math.max(slackW, relativeSlack * medianW);
            return magnitudeW >= minW - slack && magnitudeW <= maxW + slack;
        }
    }

    /** Clusters of |deltaW| of the given steps, ordered by magnitude. */
    public List<Signature> cluster(List<PowerStep> steps) {
        double[] magnitudes = steps.stream().mapToDouble(s -> Math.abs(s.deltaW())).sorted().toArray();
        return cluster(magnitudes);
    }

    /** Clusters of the given magnitudes (W, any order). */
    public List<Signature> cluster(double[] magnitudesW) {
        double[] sorted = magnitudesW.clone();
        Arrays.sort(sorted);
        List<Signature> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            boolean cut = i == sorted.length
                    || sorted[i] - sorted[i - 1] > Math.max(minGapW, relativeGap * sorted[i - 1]);
            if (cut) {
                if (i - start >= minMembers) {
                    out.add(new Signature(sorted[(start + i - 1) / 2], sorted[start], sorted[i - 1], i - start));
                }
                start = i;
            }
        }
        return out;
    }
}
