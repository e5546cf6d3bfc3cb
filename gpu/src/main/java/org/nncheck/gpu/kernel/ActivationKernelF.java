package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * Element-wise activations (forward and backward), dropout and its backward, in float.
 * One work-item per element; the global size is padded to the work-group size and every
 * work-item checks {@code i < n}.
 *
 * <p>Stable forms: sigmoid split by sign, derivative s(x)s(-x); tanh' = 4e/(1+e)^2 with
 * e = exp(-2|x|) (no 1 - tanh^2 cancellation); ELU/SELU through expm1; tanh-GELU as
 * x * sigmoid(2z) (no 1 + tanh cancellation); exact GELU as x erfc(-x/sqrt 2)/2 with OpenCL's
 * built-in erfc (no 1 + erf cancellation for negative x). NaN propagates through relu (x != x).
 *
 * <p>Non-finite inputs follow the reference (SPEC-EXTENSIONS 21, PyTorch's CPU kernels): the
 * backward branches test {@code x <= 0} as {@code threshold_backward} and {@code elu_backward} do,
 * so a NaN input gives {@code dx = dy} for relu, {@code dy} for elu, {@code lambda dy} for selu
 * (leaky_relu and prelu test {@code x > 0}: {@code alpha dy}); relu's backward is a select; gelu
 * and its derivative take their limits at +-inf (no {@code inf * 0}). The branches are explicit
 * comparisons, whose NaN outcome is the same in Aparapi's Java fallback and in OpenCL (Java's
 * {@code Math.max(NaN, 0)} is NaN, OpenCL's {@code fmax(NaN, 0)} is 0).
 */
public final class ActivationKernelF extends Kernel implements ActivationOps {
    public static final int SIGMOID = 0;
    public static final int TANH = 1;
    public static final int RELU = 2;
    public static final int LEAKY_RELU = 3;
    public static final int ELU = 4;
    public static final int SELU = 5;
    public static final int GELU = 6;
    public static final int GELU_TANH = 7;
    public static final int PRELU = 8;
    public static final int DROPOUT = 9;

    /** Mode: forward y = f(x). */
    public static final int FORWARD = 0;
    /** Mode: backward dx = dy * f'(x). */
    public static final int BACKWARD = 1;
    /** Mode (prelu only): per-element contribution dy * min(x, 0)-part to dalpha. */
    public static final int PRELU_DALPHA = 2;

    public float[] x = new float[1];
    public float[] dy = new float[1];
    public float[] aux = new float[1];
    public float[] out = new float[1];
    public int n;
    public int op;
    public int mode;
    public int inner = 1;
    public int channels = 1;
    public float alpha;
    public float scale = 1.0f;

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

    /**
     * erfc: on the device OpenCL's built-in {@code erfc} (mapped by Aparapi; OpenCL 1.2 bounds it
     * by 16 ulp in float and double). The Java body, Numerical Recipes' erfcc (fractional error
     * below 1.2e-7), only runs on Aparapi's Java fallback, whose results are refused anyway.
     */
    @OpenCLMapping(mapTo = "erfc")
    protected float erfc(float v) {
        float z = Math.abs(v);
        float t = 1.0f / (1.0f + 0.5f * z);
        // Java-only body (see above)
        float poly = -1.26551223f + t * (1.00002368f + t * (0.37409196f + t * (0.09678418f + t * (-0.18628806f
                + t * (0.27886807f + t * (-1.13520398f + t * (1.48851587f + t * (-0.82215223f + t * 0.17087277f))))))));
        float ans = t * (float) Math.exp(-z * z + poly);
        float r = ans;
        if (v < 0.0f) {
            r = 2.0f - ans;
        }
        return r;
    }

    private float value(float v, float a) {
        float r = 0.0f;
        if (op == SIGMOID) {
            r = sigm(v);
        } else if (op == TANH) {
            r = tanh(v);
        } else if (op == RELU) {
            r = v > 0.0f ? v : (v != v ? v : 0.0f);
        } else if (op == LEAKY_RELU || op == PRELU) {
            r = v > 0.0f ? v : a * v;
        } else if (op == ELU) {
            r = v > 0.0f ? v : a * expm1(v);
        } else if (op == SELU) {
            r = 1.0507009873554805f * (v > 0.0f ? v : 1.6732632423543772f * expm1(v));
        } else if (op == GELU) {
            // Phi(-inf) = 0: the limit 0, not -inf * 0 = NaN
            float c = 0.5f * erfc(-v * 0.70710678118654752f);
            r = c == 0.0f ? 0.0f : v * c;
        } else if (op == GELU_TANH) {
            float z = 0.79788456080286536f * (v + 0.044715f * v * v * v);
            float s = sigm(2.0f * z);
            r = s == 0.0f ? 0.0f : v * s;
        } else if (op == DROPOUT) {
            r = v * a * scale;
        }
        return r;
    }

    private float derivative(float v, float a) {
        float r = 0.0f;
        if (op == SIGMOID) {
            r = sigm(v) * sigm(-v);
        } else if (op == TANH) {
            float e = exp(-2.0f * abs(v));
            r = 4.0f * e / ((1.0f + e) * (1.0f + e));
        } else if (op == RELU) {
            r = v <= 0.0f ? 0.0f : 1.0f;
        } else if (op == LEAKY_RELU || op == PRELU) {
            r = v > 0.0f ? 1.0f : a;
        } else if (op == ELU) {
            r = v <= 0.0f ? a * exp(v) : 1.0f;
        } else if (op == SELU) {
            r = 1.0507009873554805f * (v <= 0.0f ? 1.6732632423543772f * exp(v) : 1.0f);
        } else if (op == GELU) {
            // x phi(x) is 0 where phi underflows (x = +-inf included: not inf * 0 = NaN)
            float pdf = 0.39894228040143268f * exp(-0.5f * v * v);
            r = 0.5f * erfc(-v * 0.70710678118654752f) + (pdf == 0.0f ? 0.0f : v * pdf);
        } else if (op == GELU_TANH) {
            float z = 0.79788456080286536f * (v + 0.044715f * v * v * v);
            float dz = 0.79788456080286536f * (1.0f + 3.0f * 0.044715f * v * v);
            float s2 = sigm(2.0f * z) * sigm(-2.0f * z);
            r = sigm(2.0f * z) + (s2 == 0.0f ? 0.0f : v * 2.0f * dz * s2);
        } else if (op == DROPOUT) {
            r = a * scale;
        }
        return r;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            float v = x[i];
            float a = alpha;
            if (op == PRELU) {
                a = aux[(i / inner) % channels];
            } else if (op == DROPOUT) {
                a = aux[i];
            }
            if (mode == FORWARD) {
                out[i] = value(v, a);
            } else if (mode == BACKWARD && op == RELU) {
                // a select, as PyTorch's threshold_backward: 0 where x <= 0 even for dy = inf or NaN
                out[i] = v <= 0.0f ? 0.0f : dy[i];
            } else if (mode == BACKWARD) {
                out[i] = dy[i] * derivative(v, a);
            } else {
                out[i] = v > 0.0f ? 0.0f : dy[i] * v;
            }
        }
    }

    /**
     * Runs one pass on the device and returns the widened result.
     *
     * @param auxValues prelu's alpha (1 or channels values) or dropout's mask (n values); may be null
     */
    @Override
    public double[] apply(int opCode, int modeCode, double[] xs, double[] dys, double[] auxValues, double alphaValue,
                          double scaleValue, int innerSize, int channelCount) {
        int len = xs.length;
        x = Convert.narrow(xs);
        dy = dys == null ? new float[1] : Convert.narrow(dys);
        aux = auxValues == null ? new float[1] : Convert.narrow(auxValues);
        out = new float[Math.max(len, 1)];
        n = len;
        op = opCode;
        mode = modeCode;
        alpha = (float) alphaValue;
        scale = (float) scaleValue;
        inner = Math.max(innerSize, 1);
        channels = Math.max(channelCount, 1);
        Gpu.run(this, len);
        return Convert.widen(out, len);
    }
}
