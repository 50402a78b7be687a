package io.gridpulse.analytics.nilm.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NILMTK-style combinatorial optimisation (Hart 1992): every appliance has a few power states; at
 * each sample the combination of states whose sum is nearest to the aggregate is chosen,
 * independently of neighbouring samples. All combinations are enumerated once and sorted by their
 * total so each sample costs one binary search. When the appliances' state counts multiply beyond
 * {@link #MAX_COMBINATIONS}, the appliances listed last get a single (off) state — callers list
 * appliances by descending training energy.
 */
public final class CombinatorialOptimisation {
    /** Largest number of state combinations enumerated. */
    public static final int MAX_COMBINATIONS = 2_000_000;

    private final List<String> appliances;
    private final double[] totalsW;
    private final int[][] stateIndex; // [combination][appliance]
    private final double[][] statesW;

    /** @param statesByAppliance ascending state powers (W) per appliance, most energetic first */
    public CombinatorialOptimisation(Map<String, double[]> statesByAppliance) {
        this.appliances = List.copyOf(statesByAppliance.keySet());
        this.statesW = new double[appliances.size()][];
        long combos = 1;
        for (int a = 0; a < appliances.size(); a++) {
            double[] states = statesByAppliance.get(appliances.get(a));
            if (combos * states.length > MAX_COMBINATIONS) {
                states = new double[] {states[0]};
            }
            statesW[a] = states;
            combos *= states.length;
        }
        int total = (int) combos;
        int[][] index = new int[total][appliances.size()];
        double[] sums = new double[total];
        for (int c = 0; c < total; c++) {
            int rest = c;
            for (int a = 0; a < appliances.size(); a++) {
                index[c][a] = rest % statesW[a].length;
                rest /= statesW[a].length;
                sums[c] += statesW[a][index[c][a]];
            }
        }
        Integer[] order = new Integer[total];
        for (int c = 0; c < total; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (x, y) -> Double.compare(sums[x], sums[y]));
        this.totalsW = new double[total];
        this.stateIndex = new int[total][];
        for (int c = 0; c < total; c++) {
            totalsW[c] = sums[order[c]];
            stateIndex[c] = index[order[c]];
        }
    }

    /** Per appliance, the power of the best state combination at each sample (W). */
    public Map<String, double[]> disaggregate(double[] aggregateW) {
        Map<String, double[]> out = new LinkedHashMap<>();
        List<double[]> series = new ArrayList<>();
        for (String a : appliances) {
            double[] s = new double[aggregateW.length];
            out.put(a, s);
            series.add(s);
        }
        for (int i = 0; i < aggregateW.length; i++) {
            int[] combo = stateIndex[nearestTotal(aggregateW[i])];
            for (int a = 0; a < combo.length; a++) {
                series.get(a)[i] = statesW[a][combo[a]];
            }
        }
        return out;
    }

    /** Number of state combinations enumerated. */
    public int combinations() {
        return totalsW.length;
    }

    private int nearestTotal(double w) {
        int i = Arrays.binarySearch(totalsW, w);
        if (i >= 0) {
            return i;
        }
        int ins = -i - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins == totalsW.length) {
            return totalsW.length - 1;
        }
        return w - totalsW[ins - 1] <= totalsW[ins] - w ? ins - 1 : ins;
    }
}
