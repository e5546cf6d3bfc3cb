package org.nncheck.gpu;

import com.aparapi.Kernel;

/**
 * A kernel Aparapi cannot translate to OpenCL (it reads an object field inside run()), so it
 * always ends up on the Java fallback: the fixture for fallback detection.
 */
public final class UntranslatableKernel extends Kernel {
    public float[] out = new float[8];
    public StringBuilder notAllowed = new StringBuilder("x");

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < out.length) {
            out[i] = notAllowed.length();
        }
    }
}
