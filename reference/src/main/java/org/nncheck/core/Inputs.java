package org.nncheck.core;

import java.util.Arrays;
import java.util.Map;

/** Checked access to named tensors, with errors that name the component and the tensor. */
public final class Inputs {
    private Inputs() {
    }

    /** The tensor {@code name}, or a {@link ContractException} when it is missing. */
    public static Tensor require(String component, Map<String, Tensor> tensors, String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new ContractException(component + ": missing tensor '" + name + "' (given: " + tensors.keySet() + ")");
        }
        return t;
    }

    /** The tensor {@code name} with exactly this shape. */
    public static Tensor require(String component, Map<String, Tensor> tensors, String name, int... shape) {
        Tensor t = require(component, tensors, name);
        requireShape(component, name, t, shape);
        return t;
    }

    /** Fails unless {@code t} has {@code shape}. */
    public static void requireShape(String component, String name, Tensor t, int... shape) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new ContractException(component + ": tensor '" + name + "' must have shape " + Arrays.toString(shape)
                    + ", got " + t.shapeString());
        }
    }

    /** Fails unless {@code t} has rank {@code rank}. */
    public static void requireRank(String component, String name, Tensor t, int rank) {
        if (t.rank() != rank) {
            throw new ContractException(component + ": tensor '" + name + "' must have rank " + rank + ", got shape "
                    + t.shapeString());
        }
    }

    /** Fails unless {@code b} has the same shape as {@code a}. */
    public static void requireSameShape(String component, String nameA, Tensor a, String nameB, Tensor b) {
        if (!a.sameShape(b)) {
            throw new ContractException(component + ": tensor '" + nameB + "' must have the shape of '" + nameA + "' "
                    + a.shapeString() + ", got " + b.shapeString());
        }
    }

    /**
     * The upstream gradient {@code name} with the shape of {@code like}; a missing scalar
     * upstream gradient ({@code dloss}) means 1, a missing tensor one is an error.
     */
    public static Tensor upstream(String component, Map<String, Tensor> upstream, String name, Tensor like) {
        Tensor t = upstream.get(name);
        if (t == null) {
            if (like.size() == 1 && like.rank() == 0) {
                return Tensor.scalar(1.0);
            }
            throw new ContractException(component + ": missing upstream gradient '" + name + "'");
        }
        if (like.rank() == 0 && t.size() == 1) {
            return t.reshape();
        }
        requireSameShape(component, name.substring(1), like, name, t);
        return t;
    }

    /** Integer class labels in [0, classes): checked. */
    public static int[] labels(String component, Tensor labels, String name, int classes) {
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            double v = labels.get(i);
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new ContractException(component + ": " + name + "[" + i + "] = " + v + " is not a class index in [0, "
                        + classes + ")");
            }
            out[i] = (int) v;
        }
        return out;
    }
}
