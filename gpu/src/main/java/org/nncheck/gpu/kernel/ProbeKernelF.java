package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;

/** Probe: y = x * x + 1 in float; proves that a float kernel compiles and runs on a device. */
public final class ProbeKernelF extends Kernel {
    public float[] x = new float[1];
    public float[] y = new float[1];
    public int n;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            y[i] = x[i] * x[i] + 1.0f;
        }
    }
}
