package org.nncheck.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Which output elements an input element can move: the block structure of a component's
 * Jacobian, a fact of its catalogue entry (element-wise, per sample, per output column of a
 * weight, per channel, within a sliding window...).
 *
 * <p>For one input tensor and one output, the structure is a list of {@link Link}s between an
 * input axis and an output axis; the block of input element {@code x[c]} in that output is
 * every output element {@code y[k]} with {@code k[out] = c[in]} for each {@link Same} link and
 * {@code c[in] = k[out] * stride - padding + j * dilation} for some {@code 0 <= j < kernel} for
 * each {@link Window} link; output axes without a link are free. An input or output without a
 * declaration may depend on everything (no structure).
 *
 * <p>Colored finite differences (Curtis, Powell and Reid, "On the estimation of sparse Jacobian
 * matrices", J. Inst. Math. Appl. 13, 1974) perturb at once every input element whose blocks do
 * not overlap: the gradient checker groups elements that differ on a {@link Same} axis, or on a
 * {@link Window} axis by a multiple of {@code kernel * dilation}.
 */
public final class Dependence {

    /** A relation between one input axis and one output axis. */
    public sealed interface Link permits Same, Window, ElementWise {
    }

    /** Output index on {@code outAxis} equals the input index on {@code inAxis} (same length). */
    public record Same(int inAxis, int outAxis) implements Link {
    }

    /**
     * Output position {@code p} on {@code outAxis} reads input positions
     * {@code p * stride - padding + j * dilation}, {@code 0 <= j < kernel}, on {@code inAxis}
     * (a convolution or pooling window).
     */
    public record Window(int inAxis, int outAxis, int kernel, int stride, int padding, int dilation) implements Link {
        public Window {
            if (kernel < 1 || stride < 1 || padding < 0 || dilation < 1) {
                throw new IllegalArgumentException("window needs kernel, stride, dilation >= 1 and padding >= 0");
            }
        }
    }

    /** Every axis of the input is the same axis of the output (same shape): element-wise. */
    public record ElementWise() implements Link {
    }

    /** The structure of a component under given parameters and inputs (the window sizes may come from a shape). */
    @FunctionalInterface
    public interface Rule {
        Dependence at(Params params, Map<String, Tensor> inputs);
    }

    private final Map<String, Map<String, List<Link>>> links;
    private final String description;
    private final java.util.Set<String> affineIn;

    private Dependence(Map<String, Map<String, List<Link>>> links, String description) {
        this(links, description, java.util.Set.of());
    }

    private Dependence(Map<String, Map<String, List<Link>>> links, String description, java.util.Set<String> affineIn) {
        this.links = links;
        this.description = description;
        this.affineIn = affineIn;
    }

    /**
     * This structure plus: every output is an affine function of each of {@code inputs}, the
     * other inputs fixed (affine and conv2d in x, w and b; batch norm in gamma and beta). Along
     * any direction of such an input the objective is a straight line, so the gradient checker's
     * directional mode takes a plain central difference (no truncation error) where the line's
     * second difference confirms it (see {@code GradientChecker}, "Directional mode").
     */
    public Dependence affineIn(String... inputs) {
        java.util.Set<String> a = new java.util.LinkedHashSet<>(affineIn);
        a.addAll(List.of(inputs));
        return new Dependence(links, description, java.util.Set.copyOf(a));
    }

    /** Whether every output is declared affine in {@code input} ({@link #affineIn}). */
    public boolean isAffineIn(String input) {
        return affineIn.contains(input);
    }

    /** The inputs declared affine ({@link #affineIn}). */
    public java.util.Set<String> affineInputs() {
        return affineIn;
    }

    /** No declared structure. */
    public static Dependence none() {
        return new Dependence(Map.of(), "none");
    }

    /** Starts a structure described in words (for reports), e.g. "per sample". */
    public static Dependence described(String description) {
        return new Dependence(Map.of(), description);
    }

    /** This structure plus: {@code input}'s blocks in {@code output} are bounded by {@code relation}. */
    public Dependence with(String input, String output, Link... relation) {
        Map<String, Map<String, List<Link>>> m = new LinkedHashMap<>(links);
        Map<String, List<Link>> perOutput = new LinkedHashMap<>(m.getOrDefault(input, Map.of()));
        perOutput.put(output, List.of(relation));
        m.put(input, Map.copyOf(perOutput));
        return new Dependence(Map.copyOf(m), description, affineIn);
    }

    /** The same links described in other words. */
    public Dependence named(String words) {
        return new Dependence(links, words, affineIn);
    }

    /** {@code input} acts element-wise on {@code output} (same shape). */
    public static Dependence elementWise(String input, String output) {
        return described("element-wise").with(input, output, new ElementWise());
    }

    /** Output {@code output}'s sample {@code n} (axis 0) depends only on {@code input}'s sample {@code n}. */
    public static Dependence perSample(String input, String output) {
        return described("per sample").with(input, output, new Same(0, 0));
    }

    /** A {@link Same} link. */
    public static Link same(int inAxis, int outAxis) {
        return new Same(inAxis, outAxis);
    }

    /** {@link Window} links on the two spatial axes (2, 3) of an (N, C, H, W) input and output. */
    public static Link[] spatialWindows(int kernelH, int kernelW, int stride, int padding) {
        return spatialWindows(kernelH, kernelW, stride, padding, 1);
    }

    /** {@link Window} links with dilation on the two spatial axes (2, 3) of an (N, C, H, W) input and output. */
    public static Link[] spatialWindows(int kernelH, int kernelW, int stride, int padding, int dilation) {
        return new Link[] {new Window(2, 2, kernelH, stride, padding, dilation), new Window(3, 3, kernelW, stride, padding, dilation)};
    }

    /** Links and then more links. */
    public static Link[] concat(Link[] a, Link... b) {
        Link[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Every axis except {@code axis} (negative counts from the end) links to itself: a reduction along one axis. */
    public static Link[] allAxesBut(int rank, int axis) {
        int a = axis < 0 ? axis + rank : axis;
        return java.util.stream.IntStream.range(0, rank).filter(k -> k != a).mapToObj(k -> new Same(k, k)).toArray(Link[]::new);
    }

    /** The links that bound {@code input}'s blocks in {@code output}; empty when not declared (may depend on everything). */
    public Optional<List<Link>> links(String input, String output) {
        return Optional.ofNullable(links.getOrDefault(input, Map.of()).get(output));
    }

    /** The inputs with a declaration. */
    public java.util.Set<String> inputs() {
        return links.keySet();
    }

    /** The outputs with a declaration for {@code input}. */
    public java.util.Set<String> outputs(String input) {
        return links.getOrDefault(input, Map.of()).keySet();
    }

    /** Whether anything is declared for {@code input}. */
    public boolean declares(String input) {
        return links.containsKey(input);
    }

    /** The words given for this structure. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description + " " + links;
    }
}
