package org.nncheck.gpu.kernel;

/** Host entry of the element-wise activation kernels (float and double twins). */
public interface ActivationOps {
    double[] apply(int opCode, int modeCode, double[] xs, double[] dys, double[] auxValues, double alphaValue,
                   double scaleValue, int innerSize, int channelCount);
}
