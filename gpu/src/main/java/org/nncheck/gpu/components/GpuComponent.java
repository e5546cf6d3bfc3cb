package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Precision;

/**
 * Base of the OpenCL components: the {@link Component} contract of the reference, computed by
 * Aparapi kernels in {@link #precision()}. Tensors are rounded to the kernel format on the way in
 * and widened on the way out; inputs are never modified. Parameters are read by name from the
 * {@link Params} validated against the catalogue entry's schema, defaults filled in there (no
 * default is repeated here). Kinks are the entry's ({@code Entry.kinks()}), not re-declared.
 */
public abstract class GpuComponent implements Component {
    protected final Precision precision;
    private final String id;

    protected GpuComponent(String id, Precision precision) {
        this.id = id;
        this.precision = precision;
    }

    @Override
    public final String id() {
        return id;
    }

    /** The format the kernels compute in. */
    public Precision precision() {
        return precision;
    }

    @Override
    public String toString() {
        return "gpu:" + id + "[" + precision.dtype() + "]";
    }

    protected Tensor in(Map<String, Tensor> inputs, String name) {
        return Inputs.require(id, inputs, name);
    }

    protected Tensor dy(Map<String, Tensor> upstream, String name, Tensor like) {
        return Inputs.upstream(id, upstream, name, like);
    }

    /** The scalar upstream gradient {@code dloss} (1 when absent). */
    protected double dloss(Map<String, Tensor> upstream) {
        Tensor t = upstream.get("dloss");
        return t == null ? 1.0 : t.item();
    }

    protected static Tensor out(int[] shape, double[] v) {
        return Tensor.wrap(shape, v);
    }

    /**
     * A real parameter this component may not have (an optimizer's {@code beta1} for sgd): its
     * validated value, or {@code unused} when the schema has no such parameter. Defaults come
     * from the catalogue entry's schema (the {@link Params} arrive validated), never from here.
     */
    protected static double numIfAny(Params p, String name, double unused) {
        return p.has(name) ? p.getDouble(name) : unused;
    }

    /** A boolean parameter this component may not have, or {@code false}. */
    protected static boolean flagIfAny(Params p, String name) {
        return p.has(name) && p.getBool(name);
    }

    /** Labels as ints, checked against [0, classes). */
    protected int[] labels(Tensor t, int n, int classes) {
        if (t.size() != n) {
            throw new ContractException(id + ": tensor 'labels' must have " + n + " entries (shape [" + n + "]), got " + t.shapeString());
        }
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            double v = t.get(i);
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new ContractException(id + ": tensor 'labels' value " + v + " at index " + i + " is not a class in [0, " + classes + ")");
            }
            l[i] = (int) v;
        }
        return l;
    }

    /** Product of the dimensions from {@code from} on. */
    protected static int tail(int[] shape, int from) {
        int n = 1;
        for (int i = from; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }
}
