package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * Every optimizer step of the catalogue in float: one work-item per parameter element runs
 * all T steps with its state (velocity, accumulators, moments) in registers, writing w after
 * each step to out[t * P + i]. Conventions as SPEC.md section 1 (PyTorch's update rules for
 * the "pytorch" forms; CS231n's for the "cs231n" forms). Bias corrections use running
 * products beta^t (exact powers up to rounding, t multiplications).
 */
public final class OptimizerKernelF extends Kernel implements OptimizerOps {
    public static final int SGD = 0;
    public static final int MOMENTUM = 1;
    public static final int NESTEROV = 2;
    public static final int ADAGRAD = 3;
    public static final int ADADELTA = 4;
    public static final int RMSPROP = 5;
    public static final int ADAM = 6;

    public float[] w = new float[1];
    public float[] grads = new float[1];
    public float[] lrs = new float[1];
    public float[] out = new float[1];
    public int op;
    public int p;
    public int steps;
    public float momentum;
    public float dampening;
    public float weightDecay;
    public int cs231n;
    public float eps;
    public float initialAccumulator;
    public float lrDecay;
    public float rho;
    public float alpha;
    public int epsInsideSqrt;
    public int centered;
    public float beta1;
    public float beta2;
    public int decoupled;
    public int amsgrad;
    public int biasCorrection;
    public int epsHat;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < p) {
            float wi = w[i];
            float s1 = 0.0f;
            float s2 = 0.0f;
            float s3 = 0.0f;
            if (op == ADAGRAD) {
                s1 = initialAccumulator;
            }
            float b1t = 1.0f;
            float b2t = 1.0f;
            for (int t = 0; t < steps; t++) {
                float lr = lrs[t];
                float g = grads[t * p + i];
                if (weightDecay != 0.0f && !(op == ADAM && decoupled == 1)) {
                    g = g + weightDecay * wi;
                }
                if (op == SGD) {
                    wi = wi - lr * g;
                } else if (op == MOMENTUM || op == NESTEROV) {
                    if (cs231n == 1) {
                        float prev = s1;
                        s1 = momentum * s1 - lr * g;
                        if (op == MOMENTUM) {
                            wi = wi + s1;
                        } else {
                            wi = wi - momentum * prev + (1.0f + momentum) * s1;
                        }
                    } else {
                        if (t == 0) {
                            s1 = g;
                        } else {
                            s1 = momentum * s1 + (1.0f - dampening) * g;
                        }
                        if (op == MOMENTUM) {
                            wi = wi - lr * s1;
                        } else {
                            wi = wi - lr * (g + momentum * s1);
                        }
                    }
                } else if (op == ADAGRAD) {
                    s1 = s1 + g * g;
                    float clr = lr / (1.0f + t * lrDecay);
                    wi = wi - clr * g / (sqrt(s1) + eps);
                } else if (op == ADADELTA) {
                    s1 = rho * s1 + (1.0f - rho) * g * g;
                    float u = sqrt(s2 + eps) / sqrt(s1 + eps) * g;
                    s2 = rho * s2 + (1.0f - rho) * u * u;
                    wi = wi - lr * u;
                } else if (op == RMSPROP) {
                    s1 = alpha * s1 + (1.0f - alpha) * g * g;
                    float avg = s1;
                    if (centered == 1) {
                        s2 = alpha * s2 + (1.0f - alpha) * g;
                        avg = s1 - s2 * s2;
                    }
                    float denom = epsInsideSqrt == 1 ? sqrt(avg + eps) : sqrt(avg) + eps;
                    if (momentum > 0.0f) {
                        s3 = momentum * s3 + g / denom;
                        wi = wi - lr * s3;
                    } else {
                        wi = wi - lr * g / denom;
                    }
                } else if (op == ADAM) {
                    if (decoupled == 1) {
                        wi = wi - lr * weightDecay * wi;
                    }
                    b1t = b1t * beta1;
                    b2t = b2t * beta2;
                    s1 = beta1 * s1 + (1.0f - beta1) * g;
                    s2 = beta2 * s2 + (1.0f - beta2) * g * g;
                    float v = s2;
                    if (amsgrad == 1) {
                        s3 = max(s3, s2);
                        v = s3;
                    }
                    float bc1 = biasCorrection == 1 ? 1.0f - b1t : 1.0f;
                    float bc2 = biasCorrection == 1 ? 1.0f - b2t : 1.0f;
                    if (epsHat == 1) {
                        wi = wi - lr * sqrt(bc2) / bc1 * s1 / (sqrt(v) + eps);
                    } else {
                        wi = wi - lr * (s1 / bc1) / (sqrt(v / bc2) + eps);
                    }
                }
                out[t * p + i] = wi;
            }
        }
    }

    @Override
    public double[] steps(int opCode, double[] ws, double[] gs, double[] lrValues, int stepCount, Hyper h) {
        w = Convert.narrow(ws);
        grads = Convert.narrow(gs);
        lrs = Convert.narrow(lrValues);
        out = new float[Math.max(stepCount * ws.length, 1)];
        op = opCode;
        p = ws.length;
        steps = stepCount;
        momentum = (float) h.momentum();
        dampening = (float) h.dampening();
        weightDecay = (float) h.weightDecay();
        cs231n = h.cs231n();
        eps = (float) h.eps();
        initialAccumulator = (float) h.initialAccumulator();
        lrDecay = (float) h.lrDecay();
        rho = (float) h.rho();
        alpha = (float) h.alpha();
        epsInsideSqrt = h.epsInsideSqrt();
        centered = h.centered();
        beta1 = (float) h.beta1();
        beta2 = (float) h.beta2();
        decoupled = h.decoupled();
        amsgrad = h.amsgrad();
        biasCorrection = h.biasCorrection();
        epsHat = h.epsHat();
        Gpu.run(this, ws.length);
        return Convert.widen(out, stepCount * ws.length);
    }
}
