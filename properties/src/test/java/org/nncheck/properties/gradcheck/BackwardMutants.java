package org.nncheck.properties.gradcheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nncheck.core.Component;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Deliberately wrong backward passes built from a correct component: the forward is kept, one
 * gradient {@code d<tensor>} is corrupted in a way seen in hand-written layers.
 */
final class BackwardMutants {
    private BackwardMutants() {
    }

    /** A named corruption of one gradient tensor. */
    record Mutation(String name, UnaryOperator<Tensor> corrupt) {
    }

    /** The mutations: each changes a non-trivial gradient (some may leave a degenerate one, e.g. of one element, unchanged). */
    static List<Mutation> mutations() {
        List<Mutation> m = new ArrayList<>();
        m.add(new Mutation("off by scale 1.01", g -> g.map(v -> 1.01 * v)));
        m.add(new Mutation("sign flipped", g -> g.map(v -> -v)));
        m.add(new Mutation("last element 1% off", g -> g.size() == 0 ? g : g.with(g.size() - 1, g.get(g.size() - 1) * 1.01 + 1e-3)));
        m.add(new Mutation("first and last elements swapped (wrong element)", BackwardMutants::swapEnds));
        m.add(new Mutation("samples mixed: row n gets 1% of row n+1 (axis 0)", BackwardMutants::mixRows));
        m.add(new Mutation("halved (a mean over a batch of 2 where a sum is due, e.g. a bias gradient)", g -> g.map(v -> v / 2)));
        m.add(new Mutation("one element dropped (zero)", g -> g.size() == 0 ? g : g.with(g.size() / 2, 0.0)));
        return m;
    }

    private static Tensor swapEnds(Tensor g) {
        if (g.size() < 2) {
            return g.map(v -> v + 1e-3);
        }
        double a = g.get(0);
        double b = g.get(g.size() - 1);
        return g.with(0, b).with(g.size() - 1, a);
    }

    private static Tensor mixRows(Tensor g) {
        if (g.rank() == 0 || g.dim(0) < 2) {
            return g.map(v -> v * 1.01);
        }
        int rows = g.dim(0);
        int cols = g.size() / rows;
        double[] d = g.toArray();
        double[] r = d.clone();
        for (int n = 0; n + 1 < rows; n++) {
            for (int c = 0; c < cols; c++) {
                r[n * cols + c] += 0.01 * d[(n + 1) * cols + c];
            }
        }
        return Tensor.of(g.shape(), r);
    }

    /** {@code ref} with {@code d<tensor>} corrupted by {@code m}. */
    static Component mutant(Component ref, String tensor, Mutation m) {
        return new Component() {
            @Override
            public String id() {
                return ref.id();
            }

            @Override
            public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
                return ref.forward(inputs, params);
            }

            @Override
            public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
                Map<String, Tensor> g = new HashMap<>(ref.backward(inputs, upstream, params));
                Tensor d = g.get("d" + tensor);
                if (d != null) {
                    g.put("d" + tensor, m.corrupt().apply(d));
                }
                return g;
            }

            @Override
            public Kinks kinks() {
                return ref.kinks();
            }
        };
    }
}
