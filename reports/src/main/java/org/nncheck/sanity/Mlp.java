package org.nncheck.sanity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.init.Initializer;

/**
 * A fully connected softmax classifier built only from reference components of the catalogue:
 * {@code affine} layers, a {@code relu} or {@code tanh} between them, {@code softmax_cross_entropy}
 * (mean over the batch) on the logits, the {@code l2} regularizer ({@code lambda * sum w^2}, no
 * factor 1/2, SPEC section 1) on every weight matrix (not on the biases, as in CS231n's
 * two-layer net), weights drawn by a catalogue initializer, biases zero, and updates by the
 * catalogue's {@code sgd} (one-step trajectories: plain SGD holds no state).
 *
 * <p>The net does no arithmetic of its own beyond chaining the components' forward and backward
 * (the chain rule) and adding the regularizer's gradient to the affine one; the per-layer
 * statistics of {@link LayerStats} are measurements, not part of training.
 */
public final class Mlp {

    /** The non-linearity between affine layers. */
    public enum Activation {
        RELU("relu"), TANH("tanh");

        private final String id;

        Activation(String id) {
            this.id = id;
        }

        /** The catalogue id. */
        public String id() {
            return id;
        }
    }

    private static final Component AFFINE = component("affine");
    private static final Params AFFINE_PARAMS = params("affine", Map.of());
    private static final Component LOSS = component("softmax_cross_entropy");
    private static final Params LOSS_PARAMS = params("softmax_cross_entropy", Map.of("reduction", "mean"));
    private static final Component L2 = component("l2");
    private static final Component SGD = component("sgd");

    private final int[] sizes;
    private final Activation activation;
    private final Component act;
    private final Params actParams;
    private final Tensor[] w;
    private final Tensor[] b;

    private Mlp(int[] sizes, Activation activation, Tensor[] w, Tensor[] b) {
        this.sizes = sizes.clone();
        this.activation = activation;
        this.act = component(activation.id());
        this.actParams = params(activation.id(), Map.of());
        this.w = w;
        this.b = b;
    }

    private static Entry entry(String id, Family family) {
        return Catalogue.find(id).stream().filter(e -> e.family() == family).findFirst()
                .orElseThrow(() -> new IllegalStateException("catalogue has no " + family + " '" + id + "'"));
    }

    private static Entry entry(String id) {
        return Catalogue.get(id).orElseThrow(() -> new IllegalStateException("catalogue has no '" + id + "'"));
    }

    private static Component component(String id) {
        return entry(id).newReference();
    }

    private static Params params(String id, Map<String, ?> raw) {
        return entry(id).params(raw);
    }

    /**
     * A net with layer sizes {@code sizes} (input, hidden..., classes), weights (D, M) drawn from
     * the catalogue initializer {@code init} with parameters {@code initParams}, biases zero.
     */
    public static Mlp create(int[] sizes, Activation activation, String init, Map<String, ?> initParams, SplittableRandom rnd) {
        return create(sizes, activation, init, initParams, 0.0, rnd);
    }

    /**
     * As {@link #create(int[], Activation, String, Map, SplittableRandom)}, but when
     * {@code outputStd > 0} the output layer's weights are drawn from the catalogue's {@code normal}
     * with that standard deviation: the lectures' "small random numbers" on the logits, so that the
     * initial loss is ln C (He or Xavier on the last layer gives logits of standard deviation about
     * 1 and an initial loss near ln C + 0.5).
     */
    public static Mlp create(int[] sizes, Activation activation, String init, Map<String, ?> initParams, double outputStd,
                             SplittableRandom rnd) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a net needs at least an input and an output size");
        }
        Entry e = entry(init, Family.INITIALIZER);
        Initializer initializer = (Initializer) e.newReference();
        Params p = e.params(initParams);
        Entry small = entry("normal", Family.INITIALIZER);
        int layers = sizes.length - 1;
        Tensor[] w = new Tensor[layers];
        Tensor[] b = new Tensor[layers];
        for (int l = 0; l < layers; l++) {
            int[] shape = {sizes[l], sizes[l + 1]};
            w[l] = l == layers - 1 && outputStd > 0
                    ? ((Initializer) small.newReference()).sample(shape, small.params(Map.of("std", outputStd)), rnd)
                    : initializer.sample(shape, p, rnd);
            b[l] = Tensor.zeros(sizes[l + 1]);
        }
        return new Mlp(sizes, activation, w, b);
    }

    /** Number of affine layers. */
    public int layers() {
        return w.length;
    }

    /** Layer names in forward order: {@code fc1}, {@code fc2}, ... */
    public List<String> layerNames() {
        List<String> names = new ArrayList<>();
        for (int l = 1; l <= w.length; l++) {
            names.add("fc" + l);
        }
        return names;
    }

    /** The layer sizes (input, hidden..., classes). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The non-linearity. */
    public Activation activation() {
        return activation;
    }

    /** The weights of layer {@code l} (0-based), (D, M). */
    public Tensor weight(int l) {
        return w[l];
    }

    /** A copy of this net with the weights of layer {@code l} replaced (finite-difference checks). */
    Mlp withWeight(int l, Tensor weight) {
        Tensor[] w2 = w.clone();
        w2[l] = weight;
        return new Mlp(sizes, activation, w2, b.clone());
    }

    /** The bias of layer {@code l} (0-based), (M). */
    public Tensor bias(int l) {
        return b[l];
    }

    /**
     * What one forward pass computed, kept for the backward pass.
     *
     * @param inputs the input of each affine layer
     * @param pre the output of each affine layer (the last one is the logits)
     * @param post the output of each non-linearity (hidden layers only)
     * @param labels the labels (N)
     * @param dataLoss softmax cross-entropy, mean over the batch
     * @param regLoss the l2 terms summed over the layers
     * @param lambda the l2 strength
     */
    public record Pass(Tensor[] inputs, Tensor[] pre, Tensor[] post, Tensor labels, double dataLoss, double regLoss, double lambda) {

        /** Data loss plus regularization. */
        public double loss() {
            return dataLoss + regLoss;
        }

        /** The logits (N, C). */
        public Tensor logits() {
            return pre[pre.length - 1];
        }
    }

    /** Gradients of the loss with respect to every weight and bias. */
    public record Gradients(Tensor[] dw, Tensor[] db) {
    }

    /** The forward pass on inputs {@code x} (N, D) with labels (N) and l2 strength {@code lambda}. */
    public Pass forward(Tensor x, Tensor labels, double lambda) {
        int layers = w.length;
        Tensor[] inputs = new Tensor[layers];
        Tensor[] pre = new Tensor[layers];
        Tensor[] post = new Tensor[layers - 1];
        Tensor h = x;
        for (int l = 0; l < layers; l++) {
            inputs[l] = h;
            pre[l] = AFFINE.forward(Map.of("x", h, "w", w[l], "b", b[l]), AFFINE_PARAMS).get("y");
            if (l < layers - 1) {
                post[l] = act.forward(Map.of("x", pre[l]), actParams).get("y");
                h = post[l];
            }
        }
        double data = LOSS.forward(Map.of("logits", pre[layers - 1], "labels", labels), LOSS_PARAMS).get("loss").item();
        double reg = 0;
        if (lambda > 0) {
            Params l2 = params("l2", Map.of("lambda", lambda));
            for (Tensor wl : w) {
                reg += L2.forward(Map.of("w", wl), l2).get("loss").item();
            }
        }
        return new Pass(inputs, pre, post, labels, data, reg, lambda);
    }

    /** The backward pass of {@code pass}: the chain rule over the components' backward. */
    public Gradients backward(Pass pass) {
        int layers = w.length;
        Tensor[] dw = new Tensor[layers];
        Tensor[] db = new Tensor[layers];
        Tensor dy = LOSS.backward(Map.of("logits", pass.logits(), "labels", pass.labels()), Map.of(), LOSS_PARAMS).get("dlogits");
        Params l2 = pass.lambda() > 0 ? params("l2", Map.of("lambda", pass.lambda())) : null;
        for (int l = layers - 1; l >= 0; l--) {
            Map<String, Tensor> g = AFFINE.backward(Map.of("x", pass.inputs()[l], "w", w[l], "b", b[l]), Map.of("dy", dy),
                    AFFINE_PARAMS);
            Tensor dwl = g.get("dw");
            if (l2 != null) {
                Tensor dreg = L2.backward(Map.of("w", w[l]), Map.of(), l2).get("dw");
                double[] sum = dwl.toArray();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += dreg.get(i);
                }
                dwl = Tensor.wrap(dwl.shape(), sum);
            }
            dw[l] = dwl;
            db[l] = g.get("db");
            if (l > 0) {
                dy = act.backward(Map.of("x", pass.pre()[l - 1]), Map.of("dy", g.get("dx")), actParams).get("dx");
            }
        }
        return new Gradients(dw, db);
    }

    /**
     * One SGD step {@code p -= lr * dp} on every weight and bias, by the catalogue's {@code sgd}.
     *
     * @return the L2 norm of each layer's weight update
     */
    public double[] sgdStep(Gradients g, double lr) {
        Params p = params("sgd", Map.of("lr", lr));
        double[] updateNorms = new double[w.length];
        for (int l = 0; l < w.length; l++) {
            Tensor next = step(w[l], g.dw()[l], p);
            double ss = 0;
            for (int i = 0; i < next.size(); i++) {
                double d = next.get(i) - w[l].get(i);
                ss += d * d;
            }
            updateNorms[l] = Math.sqrt(ss);
            w[l] = next;
            b[l] = step(b[l], g.db()[l], p);
        }
        return updateNorms;
    }

    private static Tensor step(Tensor param, Tensor grad, Params p) {
        int[] shape = param.shape();
        int[] trajectory = new int[shape.length + 1];
        trajectory[0] = 1;
        System.arraycopy(shape, 0, trajectory, 1, shape.length);
        Tensor out = SGD.forward(Map.of("w", param, "grads", grad.reshape(trajectory)), p).get("w");
        return out.reshape(shape);
    }

    /** The logits (N, C) of inputs {@code x} (N, D). */
    public Tensor logits(Tensor x) {
        Tensor h = x;
        for (int l = 0; l < w.length; l++) {
            h = AFFINE.forward(Map.of("x", h, "w", w[l], "b", b[l]), AFFINE_PARAMS).get("y");
            if (l < w.length - 1) {
                h = act.forward(Map.of("x", h), actParams).get("y");
            }
        }
        return h;
    }
}
