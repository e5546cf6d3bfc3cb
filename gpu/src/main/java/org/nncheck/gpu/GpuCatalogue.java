package org.nncheck.gpu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.core.Component;
import org.nncheck.gpu.components.GpuAffine;
import org.nncheck.gpu.components.GpuConv2d;
import org.nncheck.gpu.components.GpuDropout;
import org.nncheck.gpu.components.GpuElementwise;
import org.nncheck.gpu.components.GpuLoss;
import org.nncheck.gpu.components.GpuNorm;
import org.nncheck.gpu.components.GpuOptimizer;
import org.nncheck.gpu.components.GpuPool;
import org.nncheck.gpu.components.GpuPrelu;
import org.nncheck.gpu.components.GpuSoftmax;

/**
 * Which catalogue ids have an OpenCL implementation, and for every other SPEC id the written
 * reason why not. {@link #create(String, Precision)} gives a {@link Component} with the same
 * contract as the reference, computed by kernels in float32 or (on an fp64 device) float64.
 */
public final class GpuCatalogue {

    /** One SPEC id: a kernel-backed factory, or the reason there is none. */
    public record Support(String id, Optional<Function<Precision, Component>> factory, Optional<String> reason) {
        public boolean hasKernel() {
            return factory.isPresent();
        }
    }

    private static final Map<String, Support> SUPPORT;

    static {
        Map<String, Support> m = new LinkedHashMap<>();
        for (String id : List.of("sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "gelu")) {
            k(m, id, p -> new GpuElementwise(id, p));
        }
        k(m, "prelu", GpuPrelu::new);
        k(m, "softmax", p -> new GpuSoftmax(false, p));
        k(m, "log_softmax", p -> new GpuSoftmax(true, p));
        no(m, "maxout", "not built yet: it would be K tiled GEMMs plus an element-wise max with argmax routing; "
                + "the GEMM it needs is cross-checked through affine");
        for (String id : List.of("softmax_cross_entropy", "nll", "multiclass_hinge", "mse", "binary_cross_entropy_with_logits",
                "binary_cross_entropy", "kl_divergence", "l2", "l1", "elastic_net")) {
            k(m, id, p -> new GpuLoss(id, p));
        }
        no(m, "max_norm", "a projection of a weight matrix done once per update, not a training hot path; not built");
        k(m, "affine", p -> new GpuAffine(false, p));
        k(m, "dropconnect", p -> new GpuAffine(true, p));
        k(m, "conv2d", GpuConv2d::new);
        k(m, "max_pool2d", p -> new GpuPool(true, p));
        k(m, "avg_pool2d", p -> new GpuPool(false, p));
        k(m, "batch_norm", p -> new GpuNorm(GpuNorm.Kind.BATCH, p));
        k(m, "layer_norm", p -> new GpuNorm(GpuNorm.Kind.LAYER, p));
        k(m, "instance_norm", p -> new GpuNorm(GpuNorm.Kind.INSTANCE, p));
        k(m, "group_norm", p -> new GpuNorm(GpuNorm.Kind.GROUP, p));
        k(m, "dropout", GpuDropout::new);
        for (String id : List.of("sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam")) {
            k(m, id, p -> new GpuOptimizer(id, p));
        }
        String schedule = "a learning-rate schedule is a scalar function of the step counter (T values, no data parallelism): "
                + "host arithmetic, nothing for a kernel to do";
        for (String id : Catalogue.SPEC_IDS.get(org.nncheck.catalogue.Family.SCHEDULE)) {
            no(m, id, schedule);
        }
        String init = "an initializer draws random samples that are verified statistically (distribution tests), "
                + "not element by element against a reference; there is no deterministic output to cross-check";
        for (String id : Catalogue.SPEC_IDS.get(org.nncheck.catalogue.Family.INITIALIZER)) {
            m.putIfAbsent(id, new Support(id, Optional.empty(), Optional.of(init)));
        }
        if (m.get("constant").hasKernel()) {
            throw new IllegalStateException("constant has no kernel");
        }
        m.put("constant", new Support("constant", Optional.empty(), Optional.of(schedule + "; as an initializer: " + init)));
        String pre = "data preprocessing runs once per data set, not per training step (and pca/whitening need an "
                + "eigendecomposition, which EJML does in double): not in the kernel list of the issue";
        for (String id : Catalogue.SPEC_IDS.get(org.nncheck.catalogue.Family.PREPROCESSING)) {
            no(m, id, pre);
        }
        String aug = "data augmentation is index remapping of input images done by the data loader, outside the "
                + "training step: not in the kernel list of the issue";
        for (String id : Catalogue.SPEC_IDS.get(org.nncheck.catalogue.Family.AUGMENTATION)) {
            no(m, id, aug);
        }
        SUPPORT = Collections.unmodifiableMap(m);
    }

    private static void k(Map<String, Support> m, String id, Function<Precision, Component> f) {
        m.put(id, new Support(id, Optional.of(f), Optional.empty()));
    }

    private static void no(Map<String, Support> m, String id, String reason) {
        m.put(id, new Support(id, Optional.empty(), Optional.of(reason)));
    }

    private GpuCatalogue() {
    }

    /** Every SPEC id with its support. */
    public static Map<String, Support> support() {
        return SUPPORT;
    }

    /** Whether the id has a kernel-backed implementation. */
    public static boolean hasKernel(String id) {
        Support s = SUPPORT.get(id);
        return s != null && s.hasKernel();
    }

    /** The ids with kernels. */
    public static List<String> kernelIds() {
        return SUPPORT.values().stream().filter(Support::hasKernel).map(Support::id).toList();
    }

    /** The OpenCL implementation of an id in a precision, if it has one. */
    public static Optional<Component> create(String id, Precision p) {
        Support s = SUPPORT.get(id);
        return s == null ? Optional.empty() : s.factory().map(f -> f.apply(p));
    }

    /** The reason an id has no kernel, if it has none. */
    public static Optional<String> reason(String id) {
        Support s = SUPPORT.get(id);
        return s == null ? Optional.of("not a SPEC id") : s.reason();
    }
}
