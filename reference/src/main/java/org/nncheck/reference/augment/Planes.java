package org.nncheck.reference.augment;

import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/**
 * An image batch seen as {@code planes} planes of {@code h x w} pixels: the last two axes are
 * (H, W), every leading axis ((N, C) or (C)) is a plane index. Rank 2 (H, W) is accepted too
 * (one plane).
 */
record Planes(int planes, int h, int w) {

    static Planes of(String component, Tensor x) {
        if (x.rank() < 2) {
            throw new ContractException(component + ": tensor 'x' must be (N, C, H, W) or (C, H, W), got shape " + x.shapeString());
        }
        int h = x.dim(-2);
        int w = x.dim(-1);
        return new Planes(h * w == 0 ? 0 : x.size() / (h * w), h, w);
    }

    /** The shape of x with the last two axes replaced. */
    static int[] withHw(Tensor x, int h, int w) {
        int[] s = x.shape();
        s[s.length - 2] = h;
        s[s.length - 1] = w;
        return s;
    }
}
