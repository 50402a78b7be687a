package io.gridpulse.analytics.nilm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training copies of a sub-metered period in which each appliance's power is scaled, day by day,
 * by a random factor, and the aggregate changes with it. Trees fitted on one device per kind learn
 * its exact watts; the copies show them the same switching at other sizes, which is what another
 * household's fridge or kettle looks like.
 */
final class SizeAugmentation {
    private static final long DAY_MS = 86_400_000L;

    private SizeAugmentation() {}

    /**
     * The period followed by {@code copies} scaled copies of it, each later in time than the one
     * before with a gap between them (so windowed features never reach from one into the next).
     *
     * @param maxFactor factors are log-uniform in [1 / maxFactor, maxFactor]
     */
    static ApplianceDataset withScaledCopies(ApplianceDataset data, int copies, double maxFactor, long seed) {
        if (copies <= 0 || data.size() == 0) {
            return data;
        }
        int n = data.size();
        long[] ts = data.timestampsMs();
        long shiftMs = ts[n - 1] - ts[0] + 2 * data.stepMs();
        int total = n * (copies + 1);
        long[] outTs = new long[total];
        double[] outAggregate = new double[total];
        Map<String, double[]> outAppliances = new LinkedHashMap<>();
        for (String a : data.appliances()) {
            outAppliances.put(a, new double[total]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int days = (int) ((ts[n - 1] - ts[0]) / DAY_MS) + 1;
        double logMax = Math.log(maxFactor);
        for (int c = 0; c <= copies; c++) {
            int offset = c * n;
            System.arraycopy(data.aggregateW(), 0, outAggregate, offset, n);
            for (int i = 0; i < n; i++) {
                outTs[offset + i] = ts[i] + c * shiftMs;
            }
            for (String a : data.appliances()) {
                double[] factors = new double[days];
                Arrays.fill(factors, 1);
                if (c > 0) {
                    for (int d = 0; d < days; d++) {
                        factors[d] = Math.exp(random.nextDouble(-logMax, logMax));
                    }
                }
                double[] in = data.applianceW(a);
                double[] out = outAppliances.get(a);
                for (int i = 0; i < n; i++) {
                    double scaled = in[i] * factors[(int) ((ts[i] - ts[0]) / DAY_MS)];
                    out[offset + i] = scaled;
                    outAggregate[offset + i] += scaled - in[i];
                }
            }
        }
        return new ApplianceDataset(data.stepMs(), outTs, outAggregate, outAppliances);
    }
}
