package org.nncheck.gpu.kernel;

/** Host entry of the optimizer kernels (float and double twins). */
public interface OptimizerOps {
    /** Hyper-parameters of every optimizer (unused ones ignored); flags as 0/1. */
    record Hyper(double momentum, double dampening, double weightDecay, int cs231n, double eps, double initialAccumulator,
                 double lrDecay, double rho, double alpha, int epsInsideSqrt, int centered, double beta1, double beta2,
                 int decoupled, int amsgrad, int biasCorrection, int epsHat) {
    }

    /**
     * Runs T steps for every element of w; returns (T, P) parameters after each step.
     *
     * @param lrs learning rate of each step (T values)
     */
    double[] steps(int opCode, double[] w, double[] grads, double[] lrs, int steps, Hyper h);
}
