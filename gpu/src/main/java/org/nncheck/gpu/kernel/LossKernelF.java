package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * Loss and regularizer terms and their gradients, in float. Row losses (softmax cross-entropy,
 * nll, multiclass hinge, KL divergence) use one work-item per row of C classes; element-wise
 * losses (mse, binary cross-entropy with or without logits, l2, l1, elastic net) one per
 * element. The terms are summed by {@link ReduceKernelF}; the reduction factor and the upstream
 * {@code dloss} come in as {@code scale} for the gradients.
 *
 * <p>Stable forms: cross-entropy through log-sum-exp with max subtraction; BCE with logits as
 * max(x,0) - x t + log1p(exp(-|x|)) and gradient sigmoid(x) - t (split by sign); KL with
 * 0 log 0 = 0. BCE on probabilities clamps each log at -100 and the gradient denominator
 * p(1-p) at 1e-12, as PyTorch does.
 */
public final class LossKernelF extends Kernel implements LossOps {
    public static final int CROSS_ENTROPY = 0;
    public static final int NLL = 1;
    public static final int HINGE = 2;
    public static final int KL = 3;
    public static final int MSE = 10;
    public static final int BCE_LOGITS = 11;
    public static final int BCE = 12;
    public static final int L2 = 20;
    public static final int L1 = 21;
    public static final int ELASTIC_NET = 22;

    public static final int TERMS = 0;
    public static final int GRAD_A = 1;
    public static final int GRAD_B = 2;

    public float[] a = new float[1];
    public float[] b = new float[1];
    public int[] labels = new int[1];
    public float[] out = new float[1];
    public int n;
    public int c;
    public int op;
    public int mode;
    public int hasTargets;
    public float smoothing;
    public float margin;
    public float lambda;
    public float beta;
    public float scale;

    private float sigm(float v) {
        float r = 0.0f;
        if (v >= 0.0f) {
            r = 1.0f / (1.0f + exp(-v));
        } else {
            float e = exp(v);
            r = e / (1.0f + e);
        }
        return r;
    }

    private float sign(float v) {
        return v > 0.0f ? 1.0f : (v < 0.0f ? -1.0f : 0.0f);
    }

    private float target(int r, int j) {
        float t = 0.0f;
        if (hasTargets == 1) {
            t = b[r * c + j];
        } else if (labels[r] == j) {
            t = 1.0f;
        }
        return (1.0f - smoothing) * t + smoothing / c;
    }

    private void row(int r) {
        int base = r * c;
        if (op == CROSS_ENTROPY) {
            float m = a[base];
            for (int j = 1; j < c; j++) {
                m = max(m, a[base + j]);
            }
            float s = 0.0f;
            for (int j = 0; j < c; j++) {
                s += exp(a[base + j] - m);
            }
            float ls = log(s);
            if (mode == TERMS) {
                float loss = 0.0f;
                for (int j = 0; j < c; j++) {
                    loss += target(r, j) * ((m - a[base + j]) + ls);
                }
                out[r] = loss;
            } else {
                float st = 0.0f;
                for (int j = 0; j < c; j++) {
                    st += target(r, j);
                }
                for (int j = 0; j < c; j++) {
                    out[base + j] = scale * (exp((a[base + j] - m) - ls) * st - target(r, j));
                }
            }
        } else if (op == NLL) {
            int y = labels[r];
            if (mode == TERMS) {
                out[r] = -a[base + y];
            } else {
                for (int j = 0; j < c; j++) {
                    out[base + j] = j == y ? -scale : 0.0f;
                }
            }
        } else if (op == HINGE) {
            int y = labels[r];
            float sy = a[base + y];
            float loss = 0.0f;
            int count = 0;
            for (int j = 0; j < c; j++) {
                if (j != y) {
                    float mj = a[base + j] - sy + margin;
                    if (mj > 0.0f) {
                        loss += mj;
                        count++;
                    }
                    if (mode != TERMS) {
                        out[base + j] = mj > 0.0f ? scale : 0.0f;
                    }
                }
            }
            if (mode == TERMS) {
                out[r] = loss;
            } else {
                out[base + y] = -scale * count;
            }
        } else if (op == KL) {
            if (mode == TERMS) {
                float loss = 0.0f;
                for (int j = 0; j < c; j++) {
                    float p = a[base + j];
                    if (p > 0.0f) {
                        loss += p * (log(p) - b[base + j]);
                    }
                }
                out[r] = loss;
            } else if (mode == GRAD_B) {
                for (int j = 0; j < c; j++) {
                    out[base + j] = -scale * a[base + j];
                }
            } else {
                for (int j = 0; j < c; j++) {
                    float p = a[base + j];
                    out[base + j] = p > 0.0f ? scale * (log(p) + 1.0f - b[base + j]) : 0.0f;
                }
            }
        }
    }

    private void element(int i) {
        float x = a[i];
        float t = b[i];
        float v = 0.0f;
        if (op == MSE) {
            float d = x - t;
            v = mode == TERMS ? d * d : (mode == GRAD_A ? 2.0f * d * scale : -2.0f * d * scale);
        } else if (op == BCE_LOGITS) {
            if (mode == TERMS) {
                v = max(x, 0.0f) - x * t + log1p(exp(-abs(x)));
            } else if (mode == GRAD_A) {
                v = scale * (sigm(x) - t);
            } else {
                v = -scale * x;
            }
        } else if (op == BCE) {
            float lp = max(log(x), -100.0f);
            float lq = max(log1p(-x), -100.0f);
            if (mode == TERMS) {
                v = -(t * lp + (1.0f - t) * lq);
            } else if (mode == GRAD_A) {
                v = scale * (x - t) / max((1.0f - x) * x, 1e-12f);
            } else {
                v = scale * (lq - lp);
            }
        } else if (op == L2) {
            v = mode == TERMS ? lambda * x * x : 2.0f * lambda * x * scale;
        } else if (op == L1) {
            v = mode == TERMS ? lambda * abs(x) : lambda * sign(x) * scale;
        } else if (op == ELASTIC_NET) {
            v = mode == TERMS ? lambda * (beta * x * x + abs(x)) : lambda * (2.0f * beta * x + sign(x)) * scale;
        }
        out[i] = v;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            if (op < MSE) {
                row(i);
            } else {
                element(i);
            }
        }
    }

    @Override
    public double[] apply(int opCode, int modeCode, double[] av, double[] bv, int[] labelValues, int count, int cols,
                          boolean targets, double smoothingValue, double marginValue, double lambdaValue,
                          double betaValue, double scaleValue) {
        a = Convert.narrow(av);
        b = bv == null ? new float[1] : Convert.narrow(bv);
        labels = labelValues == null || labelValues.length == 0 ? new int[1] : labelValues.clone();
        int outLen = modeCode == TERMS ? count : Math.max(av.length, 1);
        out = new float[Math.max(outLen, 1)];
        n = count;
        c = Math.max(cols, 1);
        op = opCode;
        mode = modeCode;
        hasTargets = targets ? 1 : 0;
        smoothing = (float) smoothingValue;
        margin = (float) marginValue;
        lambda = (float) lambdaValue;
        beta = (float) betaValue;
        scale = (float) scaleValue;
        Gpu.run(this, count);
        return Convert.widen(out, modeCode == TERMS ? count : av.length);
    }
}
