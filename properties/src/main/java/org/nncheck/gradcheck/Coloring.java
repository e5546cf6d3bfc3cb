package org.nncheck.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.nncheck.catalogue.Dependence;
import org.nncheck.catalogue.Dependence.Link;
import org.nncheck.catalogue.Dependence.Same;
import org.nncheck.catalogue.Dependence.Window;
import org.nncheck.core.Tensor;

/**
 * The blocks and colors of one input tensor under a declared {@link Dependence}: the block of an
 * element is the set of output elements it may move, and a color (group) is a set of elements
 * whose blocks do not overlap in any output, so that they can be perturbed at once (Curtis,
 * Powell and Reid 1974). Two elements share a group when they agree on every input axis that is
 * free in some output and, on every {@link Window} axis, modulo {@code kernel * dilation}: they
 * then differ on a {@link Same} axis (different output index there) or on a window axis by at
 * least {@code kernel * dilation}, more than a window spans.
 */
final class Coloring {

    private final int[] shape;
    private final List<int[]> outShapes;
    /** Per output, the links with {@link Dependence.ElementWise} expanded into {@link Same} links. */
    private final List<List<Link>> links;
    private final List<int[]> groups;

    private Coloring(int[] shape, List<int[]> outShapes, List<List<Link>> links) {
        this.shape = shape;
        this.outShapes = outShapes;
        this.links = links;
        this.groups = colors();
    }

    /**
     * The coloring of input {@code x} (named {@code name}) for the outputs {@code outs} of
     * {@code base}; empty when some output has no declared links for it or the links do not fit
     * the shapes (then every element is perturbed on its own).
     */
    static Optional<Coloring> of(Dependence dependence, String name, Tensor x, Map<String, Tensor> base, List<String> outs) {
        List<int[]> outShapes = new ArrayList<>();
        List<List<Link>> links = new ArrayList<>();
        for (String o : outs) {
            Optional<List<Link>> declared = dependence.links(name, o);
            Tensor y = base.get(o);
            if (declared.isEmpty() || y == null) {
                return Optional.empty();
            }
            List<Link> expanded = new ArrayList<>();
            for (Link l : declared.get()) {
                if (l instanceof Dependence.ElementWise) {
                    if (!x.sameShape(y)) {
                        return Optional.empty();
                    }
                    for (int a = 0; a < x.rank(); a++) {
                        expanded.add(new Same(a, a));
                    }
                } else if (!fits(l, x.shape(), y.shape())) {
                    return Optional.empty();
                } else {
                    expanded.add(l);
                }
            }
            outShapes.add(y.shape());
            links.add(expanded);
        }
        return Optional.of(new Coloring(x.shape(), outShapes, links));
    }

    private static boolean fits(Link l, int[] in, int[] out) {
        if (l instanceof Same s) {
            return s.inAxis() >= 0 && s.inAxis() < in.length && s.outAxis() >= 0 && s.outAxis() < out.length
                    && in[s.inAxis()] == out[s.outAxis()];
        }
        Window w = (Window) l;
        return w.inAxis() >= 0 && w.inAxis() < in.length && w.outAxis() >= 0 && w.outAxis() < out.length;
    }

    /** The groups (colors): element indices, each group in increasing order. */
    List<int[]> groups() {
        return groups;
    }

    private List<int[]> colors() {
        Map<Long, List<Integer>> byKey = new LinkedHashMap<>();
        int n = Tensor.sizeOf(shape);
        int[] parts = new int[links.size() * shape.length];
        for (int i = 0; i < n; i++) {
            int[] c = Tensor.unravel(shape, i);
            int p = 0;
            for (List<Link> ls : links) {
                for (int a = 0; a < shape.length; a++) {
                    parts[p++] = keyPart(ls, a, c[a]);
                }
            }
            byKey.computeIfAbsent(encode(parts), k -> new ArrayList<>()).add(i);
        }
        return byKey.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    /**
     * The key parts (each in [-1, dim)) as one number in mixed radix {@code dim + 1}; when that
     * overflows (many outputs of a large tensor), a hash of the parts: a collision then puts
     * elements with overlapping blocks in one group, which {@link #owners} detects, and that
     * group is checked element by element.
     */
    private long encode(int[] parts) {
        long key = 0;
        try {
            for (int p = 0; p < parts.length; p++) {
                key = Math.addExact(Math.multiplyExact(key, shape[p % shape.length] + 1L), parts[p] + 1L);
            }
            return key;
        } catch (ArithmeticException overflow) {
            return Long.MIN_VALUE + java.util.Arrays.hashCode(parts);
        }
    }

    /** Coordinate {@code v} on input axis {@code a} as far as the coloring cares: -1 on a Same axis, v mod span on a window, v when free. */
    private static int keyPart(List<Link> ls, int a, int v) {
        int part = v;
        boolean same = false;
        for (Link l : ls) {
            if (l instanceof Same s && s.inAxis() == a) {
                same = true;
            } else if (l instanceof Window w && w.inAxis() == a) {
                part = v % (w.kernel() * w.dilation());
            }
        }
        return same ? -1 : part;
    }

    /** Calls {@code sink} with the flat index of every element of output {@code out} in the block of input element {@code i}. */
    void block(int i, int out, IntConsumer sink) {
        int[] c = Tensor.unravel(shape, i);
        int[] os = outShapes.get(out);
        int[][] allowed = new int[os.length][];
        for (int b = 0; b < os.length; b++) {
            allowed[b] = range(os[b]);
        }
        for (Link l : links.get(out)) {
            if (l instanceof Same s) {
                allowed[s.outAxis()] = intersect(allowed[s.outAxis()], new int[] {c[s.inAxis()]});
            } else if (l instanceof Window w) {
                allowed[w.outAxis()] = intersect(allowed[w.outAxis()], windowsReading(w, c[w.inAxis()], os[w.outAxis()]));
            }
        }
        int[] pos = new int[os.length];
        for (int[] a : allowed) {
            if (a.length == 0) {
                return;
            }
        }
        while (true) {
            int flat = 0;
            for (int b = 0; b < os.length; b++) {
                flat = flat * os[b] + allowed[b][pos[b]];
            }
            sink.accept(flat);
            int b = os.length - 1;
            while (b >= 0 && ++pos[b] == allowed[b].length) {
                pos[b] = 0;
                b--;
            }
            if (b < 0) {
                return;
            }
        }
    }

    /** Output positions p in [0, size) whose window reads input position h: h = p stride - padding + j dilation. */
    private static int[] windowsReading(Window w, int h, int size) {
        List<Integer> ps = new ArrayList<>();
        for (int j = w.kernel() - 1; j >= 0; j--) {
            int num = h + w.padding() - j * w.dilation();
            if (num >= 0 && num % w.stride() == 0 && num / w.stride() < size) {
                ps.add(num / w.stride());
            }
        }
        return ps.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, k -> k);
        return r;
    }

    private static int[] intersect(int[] a, int[] b) {
        return Arrays.stream(a).filter(v -> Arrays.binarySearch(b, v) >= 0).toArray();
    }

    /**
     * For each output, which member of {@code group} (its position in the group) owns each output
     * element, or -1; {@code null} when two members' blocks overlap (links that do not separate
     * them: the caller then perturbs elements on their own).
     */
    int[][] owners(int[] group) {
        int[][] own = new int[outShapes.size()][];
        for (int o = 0; o < own.length; o++) {
            int[] ow = new int[Tensor.sizeOf(outShapes.get(o))];
            Arrays.fill(ow, -1);
            own[o] = ow;
            boolean[] clash = {false};
            for (int m = 0; m < group.length; m++) {
                int member = m;
                block(group[m], o, k -> {
                    if (ow[k] >= 0) {
                        clash[0] = true;
                    }
                    ow[k] = member;
                }
                );
            }
            if (clash[0]) {
                return null;
            }
        }
        return own;
    }
}
