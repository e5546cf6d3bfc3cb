package org.nncheck.sanity;

/**
 * How much the sanity checks run.
 *
 * @param full run check 10 in full (a 784-100-10 ReLU net on the whole training set for
 *     {@link #FULL_EPOCHS} epochs) instead of its short version
 * @param seed seed of every initialization and minibatch order
 * @param progress where long steps report
 */
public record SanityConfig(boolean full, long seed, Progress progress) {
    /** Epochs of the full end-to-end run. */
    public static final int FULL_EPOCHS = 5;
    /** SGD steps of the short end-to-end run (about 0.6 epoch of 50,000 images at batch 64). */
    public static final int SHORT_STEPS = 500;

    /** The default run: checks 1-9 and the short version of 10, seed 20261202. */
    public static SanityConfig defaults(Progress progress) {
        return new SanityConfig(false, 20261202L, progress);
    }
}
