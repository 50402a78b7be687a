package io.gridpulse.analytics.eval;

import io.gridpulse.analytics.nilm.ApplianceDataset;
import io.gridpulse.analytics.nilm.event.PowerStep;
import io.gridpulse.analytics.nilm.event.StepEventDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names the sub-metered appliance behind each step of the aggregate: the appliance whose own power
 * changed most in the step's direction across it. Shows whether an appliance's steps can be told
 * apart by size at all, i.e. how many other appliances switch by the same amount in the same data.
 */
public final class StepAttribution {
    /** Samples averaged on each side of a step to measure an appliance's own change. */
    static final int SIDE_SAMPLES = 3;

    /** One aggregate step and the appliance that made it ({@code applianceDeltaW} is its own change). */
    public record AttributedStep(int index, double aggregateDeltaW, String appliance, double applianceDeltaW) {}

    /** Per appliance: how many up and down steps fell into the size band, and their size range. */
    public record ApplianceSteps(String appliance, int ups, int downs, double minAbsW, double maxAbsW) {}

    private StepAttribution() {}

    /** Aggregate steps with {@code minAbsW <= |Δ| <= maxAbsW}, each with the appliance behind it. */
    public static List<AttributedStep> steps(ApplianceDataset data, StepEventDetector detector, double minAbsW, double maxAbsW) {
        List<AttributedStep> out = new ArrayList<>();
        int[] bounds = data.segmentBounds();
        for (int k = 0; k + 1 < bounds.length; k++) {
            int from = bounds[k];
            int to = bounds[k + 1];
            for (PowerStep s : detector.detect(data.aggregateW(), from, to)) {
                double size = Math.abs(s.deltaW());
                if (size < minAbsW || size > maxAbsW || s.index() - SIDE_SAMPLES < from || s.index() + SIDE_SAMPLES > to) {
                    continue;
                }
                String who = null;
                double whoDelta = 0;
                for (String a : data.appliances()) {
                    double d = change(data.applianceW(a), s.index());
                    if (who == null || d * Math.signum(s.deltaW()) > whoDelta * Math.signum(s.deltaW())) {
                        who = a;
                        whoDelta = d;
                    }
                }
                out.add(new AttributedStep(s.index(), s.deltaW(), who, whoDelta));
            }
        }
        return out;
    }

    /** Counts per appliance, by name. */
    public static List<ApplianceSteps> summary(List<AttributedStep> steps) {
        Map<String, ApplianceSteps> by = new TreeMap<>();
        for (AttributedStep s : steps) {
            double size = Math.abs(s.aggregateDeltaW());
            int up = s.aggregateDeltaW() > 0 ? 1 : 0;
            by.merge(s.appliance(), new ApplianceSteps(s.appliance(), up, 1 - up, size, size),
                    (a, b) -> new ApplianceSteps(a.appliance(), a.ups() + b.ups(), a.downs() + b.downs(),
                            Math.min(a.minAbsW(), b.minAbsW()), Math.max(a.maxAbsW(), b.maxAbsW())));
        }
        return List.copyOf(by.values());
    }

    private static double change(double[] powerW, int index) {
        double before = 0;
        double after = 0;
        for (int i = 0; i < SIDE_SAMPLES; i++) {
            before += powerW[index - 1 - i];
            after += powerW[index + i];
        }
        return (after - before) / SIDE_SAMPLES;
    }
}
