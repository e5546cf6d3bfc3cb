package org.nncheck.core;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable n-dimensional array of doubles in row-major (C) order, the only data type
 * of the nncheck contract.
 *
 * <p>A tensor is a shape plus a flat {@code double[]} of {@code product(shape)} values. The
 * element at index {@code (i0, ..., ik)} lives at {@code sum_j ij * stride_j} with
 * {@code stride_k = 1} and {@code stride_j = stride_{j+1} * shape_{j+1}}, as in NumPy and
 * PyTorch's contiguous layout. A scalar has shape {@code []} and one element.
 *
 * <p>Integer tensors (class labels, step counters) use the same storage; {@link #isIntegral()}
 * records that the values came (or must be written) as integers.
 *
 * <p>Tensors never change after construction: {@link #toArray()} hands out a copy, so an
 * implementation cannot modify its inputs through a tensor. For linear algebra,
 * {@link #asMatrix(int, int)} gives an EJML {@link DMatrixRMaj} over a copy.
 */
public final class Tensor {
    private static final int[] SCALAR_SHAPE = new int[0];

    private final int[] shape;
    private final double[] data;
    private final boolean integral;

    private Tensor(int[] shape, double[] data, boolean integral) {
        this.shape = shape;
        this.data = data;
        this.integral = integral;
    }

    /**
     * A tensor over {@code data}, which is copied.
     *
     * @throws ContractException if a dimension is negative or {@code data.length} is not the
     *     product of the shape
     */
    public static Tensor of(int[] shape, double[] data) {
        checkShape(shape, data.length);
        return new Tensor(shape.clone(), data.clone(), false);
    }

    /** A tensor that takes ownership of {@code data} (no copy): the caller must not touch it again. */
    public static Tensor wrap(int[] shape, double[] data) {
        checkShape(shape, data.length);
        return new Tensor(shape.clone(), data, false);
    }

    /** An integer tensor (labels, steps); every value must be a whole number. */
    public static Tensor ofIntegers(int[] shape, long[] values) {
        checkShape(shape, values.length);
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return new Tensor(shape.clone(), d, true);
    }

    /** An integer tensor over doubles that are whole numbers (checked). */
    public static Tensor integralOf(int[] shape, double[] values) {
        checkShape(shape, values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Double.isInfinite(values[i])) {
                throw new ContractException("integer tensor holds a non-integer value " + values[i] + " at flat index " + i);
            }
        }
        return new Tensor(shape.clone(), values.clone(), true);
    }

    /** A scalar (shape {@code []}). */
    public static Tensor scalar(double value) {
        return new Tensor(SCALAR_SHAPE, new double[] {value}, false);
    }

    /** A vector (shape {@code [n]}) over a copy of {@code values}. */
    public static Tensor vector(double... values) {
        return new Tensor(new int[] {values.length}, values.clone(), false);
    }

    /** All zeros of the given shape. */
    public static Tensor zeros(int... shape) {
        return new Tensor(shape.clone(), new double[sizeOf(shape)], false);
    }

    /** Every element equal to {@code value}. */
    public static Tensor filled(double value, int... shape) {
        double[] d = new double[sizeOf(shape)];
        Arrays.fill(d, value);
        return new Tensor(shape.clone(), d, false);
    }

    /** Number of elements of a shape; a scalar shape {@code []} has one. */
    public static int sizeOf(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new ContractException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new ContractException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    private static void checkShape(int[] shape, int length) {
        int n = sizeOf(shape);
        if (n != length) {
            throw new ContractException("shape " + Arrays.toString(shape) + " needs " + n + " values but " + length + " were given");
        }
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of axis {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[normalizeAxis(axis)];
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Whether this tensor holds integers (labels, steps). */
    public boolean isIntegral() {
        return integral;
    }

    /** Element at a flat row-major index. */
    public double get(int flatIndex) {
        return data[flatIndex];
    }

    /** Element at a multi-index. */
    public double at(int... index) {
        return data[flatIndex(index)];
    }

    /** The values in row-major order (a copy: the tensor stays unchanged). */
    public double[] toArray() {
        return data.clone();
    }

    /** The only element of a one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new ContractException("item() needs one element, tensor has shape " + Arrays.toString(shape));
        }
        return data[0];
    }

    /** Copies the values into {@code dest} starting at {@code offset}. */
    public void copyTo(double[] dest, int offset) {
        System.arraycopy(data, 0, dest, offset, data.length);
    }

    /** The same values viewed with another shape of the same size. */
    public Tensor reshape(int... newShape) {
        checkShape(newShape, data.length);
        return new Tensor(newShape.clone(), data, integral);
    }

    /** An EJML row-major matrix over a copy of the values; {@code rows * cols} must equal {@link #size()}. */
    public DMatrixRMaj asMatrix(int rows, int cols) {
        if ((long) rows * cols != data.length) {
            throw new ContractException("cannot view shape " + Arrays.toString(shape) + " as a " + rows + "x" + cols + " matrix");
        }
        return DMatrixRMaj.wrap(rows, cols, data.clone());
    }

    /** A tensor over an EJML matrix's values (copied) with the given shape. */
    public static Tensor fromMatrix(DMatrixRMaj m, int... shape) {
        double[] d = Arrays.copyOf(m.data, m.getNumElements());
        return Tensor.wrap(shape, d);
    }

    /** Element-wise map into a new tensor of the same shape. */
    public Tensor map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new Tensor(shape, out, false);
    }

    /** A copy with one element replaced (used by finite differences). */
    public Tensor with(int flatIndex, double value) {
        double[] d = data.clone();
        d[flatIndex] = value;
        return new Tensor(shape, d, integral);
    }

    /** Row-major flat index of a multi-index. */
    public int flatIndex(int... index) {
        if (index.length != shape.length) {
            throw new ContractException("index of rank " + index.length + " for tensor of shape " + Arrays.toString(shape));
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new ContractException("index " + Arrays.toString(index) + " out of bounds for shape " + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** The multi-index of a flat row-major index. */
    public int[] unravel(int flatIndex) {
        return unravel(shape, flatIndex);
    }

    /** The multi-index of a flat row-major index in a shape. */
    public static int[] unravel(int[] shape, int flatIndex) {
        int[] idx = new int[shape.length];
        int rem = flatIndex;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 0) {
                return idx;
            }
            idx[i] = rem % shape[i];
            rem /= shape[i];
        }
        return idx;
    }

    /** Axis index in [0, rank) for a possibly negative axis. */
    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new ContractException("axis " + axis + " out of range for shape " + Arrays.toString(shape));
        }
        return a;
    }

    /** Whether the shapes are equal. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Shape as text, e.g. {@code [2, 3]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor t)) {
            return false;
        }
        return Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String values = data.length <= 8 ? Arrays.toString(data)
                : Arrays.toString(Arrays.copyOf(data, 8)).replace("]", ", ...]");
        return "Tensor" + Arrays.toString(shape) + (integral ? "(int)" : "") + values;
    }
}
