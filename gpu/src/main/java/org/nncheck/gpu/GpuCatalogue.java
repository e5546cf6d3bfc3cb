package org.nncheck.gpu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nncheck.core.Component;
import org.nncheck.gpu.components.GpuAffine;
import org.nncheck.gpu.components.GpuConv2d;
import org.nncheck.gpu.components.GpuDropout;
import org.nncheck.gpu.components.GpuElementwise;
import org.nncheck.gpu.components.GpuLoss;
import org.nncheck.gpu.components.GpuMaxNorm;
import org.nncheck.gpu.components.GpuMaxout;
import org.nncheck.gpu.components.GpuNorm;
import org.nncheck.gpu.components.GpuOptimizer;
import org.nncheck.gpu.components.GpuPool;
import org.nncheck.gpu.components.GpuPrelu;
import org.nncheck.gpu.components.GpuSoftmax;

/**
 * The OpenCL kernel factories, registered by catalogue entry id. {@link #create(String, Precision)}
 * gives a {@link Component} with the same contract as the reference, computed by kernels in
 * float32 or (on an fp64 device) float64. Every other fact about a component (kinks, parameter
 * defaults, why an entry has no kernel: its {@code Check.GPU} skip) lives on its catalogue entry;
 * a completeness test asserts that every entry has a factory here or skips {@code Check.GPU}
 * with a reason.
 */
public final class GpuCatalogue {

    private static final Map<String, Function<Precision, Component>> KERNELS;

    static {
        Map<String, Function<Precision, Component>> m = new LinkedHashMap<>();
        GpuElementwise.ids().forEach(id -> m.put(id, p -> new GpuElementwise(id, p)));
        m.put("prelu", GpuPrelu::new);
        m.put("softmax", p -> new GpuSoftmax(false, p));
        m.put("log_softmax", p -> new GpuSoftmax(true, p));
        m.put("maxout", GpuMaxout::new);
        GpuLoss.ids().forEach(id -> m.put(id, p -> new GpuLoss(id, p)));
        m.put("max_norm", GpuMaxNorm::new);
        m.put("affine", p -> new GpuAffine(false, p));
        m.put("dropconnect", p -> new GpuAffine(true, p));
        m.put("conv2d", GpuConv2d::new);
        m.put("max_pool2d", p -> new GpuPool(true, p));
        m.put("avg_pool2d", p -> new GpuPool(false, p));
        m.put("batch_norm", p -> new GpuNorm(GpuNorm.Kind.BATCH, p));
        m.put("layer_norm", p -> new GpuNorm(GpuNorm.Kind.LAYER, p));
        m.put("instance_norm", p -> new GpuNorm(GpuNorm.Kind.INSTANCE, p));
        m.put("group_norm", p -> new GpuNorm(GpuNorm.Kind.GROUP, p));
        m.put("dropout", GpuDropout::new);
        GpuOptimizer.ids().forEach(id -> m.put(id, p -> new GpuOptimizer(id, p)));
        KERNELS = Collections.unmodifiableMap(m);
    }

    private GpuCatalogue() {
    }

    /** Whether the id has a kernel-backed implementation. */
    public static boolean hasKernel(String id) {
        return KERNELS.containsKey(id);
    }

    /** The ids with kernels, in registration order. */
    public static List<String> kernelIds() {
        return List.copyOf(KERNELS.keySet());
    }

    /** The OpenCL implementation of an id in a precision, if it has one. */
    public static Optional<Component> create(String id, Precision p) {
        Function<Precision, Component> f = KERNELS.get(id);
        return f == null ? Optional.empty() : Optional.of(f.apply(p));
    }
}
