package io.gridpulse.store.codec;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Built-in prefix codes for a column, so a short chunk (a change-only meter logs ~200 readings
 * an hour) need not spend ~30 bytes on its own code table. Each is the Huffman code of a simple
 * parametric shape at bucket precision {@value #PRECISION}: change sizes whose bit length is
 * spread geometrically around a centre, plus a share of runs whose bit length is spread around
 * their own centre. Not fitted to any data set: the encoder picks, by exact cost, the member
 * that fits the chunk, and stores only its {@value #INDEX_BITS}-bit index.
 */
final class DefaultCodes {
    static final int PRECISION = 1;
    static final int INDEX_BITS = 10;
    private static final int CENTERS = 32;
    private static final double[] SPREAD = {0.5, 0.25};
    private static final double[] RUN_SHARE = {1 / 64.0, 1 / 8.0, 1 / 3.0, 2 / 3.0};
    private static final int[] RUN_CENTER = {0, 2, 5, 11};
    private static final int COUNT = CENTERS * SPREAD.length * RUN_SHARE.length * RUN_CENTER.length;
    private static final AtomicReferenceArray<PrefixCode> CODES = new AtomicReferenceArray<>(COUNT);

    private DefaultCodes() {}

    /** The shared, read-only code with this index (built on first use). */
    static PrefixCode code(int index) {
        PrefixCode code = CODES.get(index);
        if (code == null) {
            code = PrefixCode.fromCounts(weights(index), PackedColumns.ALPHABET, PackedColumns.extraBits(PRECISION));
            CODES.compareAndSet(index, null, code);
        }
        return code;
    }

    /** Indexes worth trying for a column with these precision-1 symbol counts (by its mean bit lengths). */
    static int[] candidates(int[] counts, int[] used, int usedCount) {
        double runs = 0;
        double changes = 0;
        double runBits = 0;
        double changeBits = 0;
        for (int i = 0; i < usedCount; i++) {
            int s = used[i];
            boolean run = s < PackedColumns.RUN_SYMBOLS;
            int bitLength = bitLength(run ? s : s - PackedColumns.RUN_SYMBOLS);
            if (run) {
                runs += counts[s];
                runBits += (double) counts[s] * bitLength;
            } else {
                changes += counts[s];
                changeBits += (double) counts[s] * bitLength;
            }
        }
        int center = changes == 0 ? 0 : (int) Math.round(changeBits / changes);
        int runCenter = nearest(RUN_CENTER, runs == 0 ? 0 : runBits / runs);
        int runShare = nearest(RUN_SHARE, runs / Math.max(1, runs + changes));
        int[] out = new int[3 * SPREAD.length * 2];
        int n = 0;
        for (int c = center - 1; c <= center + 1; c++) {
            for (int spread = 0; spread < SPREAD.length; spread++) {
                for (int share = runShare; share <= runShare + 1; share++) {
                    int clampedShare = Math.min(share, RUN_SHARE.length - 1);
                    out[n++] = index(Math.clamp(c, 0, CENTERS - 1), spread, clampedShare, runCenter);
                }
            }
        }
        return out;
    }

    private static int index(int center, int spread, int runShare, int runCenter) {
        return ((center * SPREAD.length + spread) * RUN_SHARE.length + runShare) * RUN_CENTER.length + runCenter;
    }

    private static int[] weights(int index) {
        int runCenter = RUN_CENTER[index % RUN_CENTER.length];
        index /= RUN_CENTER.length;
        double runShare = RUN_SHARE[index % RUN_SHARE.length];
        index /= RUN_SHARE.length;
        double spread = SPREAD[index % SPREAD.length];
        int center = index / SPREAD.length;
        int[] weights = new int[PackedColumns.ALPHABET];
        fill(weights, 0, PackedColumns.RUN_SYMBOLS, runCenter, 0.5, runShare);
        fill(weights, PackedColumns.RUN_SYMBOLS, Buckets.symbols(PRECISION), center, spread, 1 - runShare);
        return weights;
    }

    /** Mass of each bucket: its bit length's share (geometric around the centre) split by width. */
    private static void fill(int[] weights, int offset, int symbols, int center, double spread, double mass) {
        double[] perBitLength = new double[65];
        double total = 0;
        for (int k = 0; k <= 64; k++) {
            perBitLength[k] = Math.pow(spread, Math.abs(k - center));
            total += perBitLength[k];
        }
        int limit = Math.min(symbols, PackedColumns.ALPHABET - offset);
        for (int s = 0; s < limit; s++) {
            int k = bitLength(s);
            double valuesInBitLength = k <= 1 ? 1 : Math.pow(2, k - 1);
            double width = Math.pow(2, Buckets.extraBits(s, PRECISION));
            double p = mass * perBitLength[k] / total * width / valuesInBitLength;
            weights[offset + s] = (int) Math.max(1, Math.round(p * (1 << 24)));
        }
    }

    /** Bit length of the values in a precision-1 bucket. */
    private static int bitLength(int bucket) {
        long base = Buckets.base(Math.min(bucket, Buckets.symbols(PRECISION) - 1), PRECISION);
        return 64 - Long.numberOfLeadingZeros(base);
    }

    private static int nearest(int[] options, double value) {
        int best = 0;
        for (int i = 1; i < options.length; i++) {
            if (Math.abs(options[i] - value) < Math.abs(options[best] - value)) {
                best = i;
            }
        }
        return best;
    }

    private static int nearest(double[] options, double value) {
        int best = 0;
        for (int i = 1; i < options.length; i++) {
            if (Math.abs(Math.log(options[i] / Math.max(value, 1e-9))) < Math.abs(Math.log(options[best] / Math.max(value, 1e-9)))) {
                best = i;
            }
        }
        return best;
    }
}
