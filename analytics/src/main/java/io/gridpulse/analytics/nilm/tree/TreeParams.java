package io.gridpulse.analytics.nilm.tree;

/**
 * Hyper-parameters of {@link GradientBoostedTrees}.
 *
 * @param trees boosting rounds
 * @param maxDepth depth of each tree (root = 0)
 * @param learningRate shrinkage applied to every leaf
 * @param minLeafSamples smallest leaf
 * @param subsample fraction of rows drawn (without replacement) for each tree
 * @param bins quantile bins per feature (2..256)
 * @param absoluteLoss true = L1 loss (leaf = median residual), false = squared loss
 * @param seed seed of the row sampling; same seed, same data → same model
 */
public record TreeParams(int trees, int maxDepth, double learningRate, int minLeafSamples, double subsample,
                         int bins, boolean absoluteLoss, long seed) {
    public TreeParams {
        if (trees < 1 || maxDepth < 1 || learningRate <= 0 || minLeafSamples < 1 || subsample <= 0 || subsample > 1
                || bins < 2 || bins > 256) {
            throw new IllegalArgumentException("invalid tree parameters");
        }
    }

    /** Defaults chosen on REDD house 5's training period only (see docs/analytics-nilm.md). */
    public static TreeParams defaults() {
        return new TreeParams(120, 6, 0.1, 20, 0.5, 64, false, 42);
    }
}
