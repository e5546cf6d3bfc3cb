package org.nncheck.properties.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.conformance.AbstractConformanceTest;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.GpuCatalogue;
import org.nncheck.gpu.Precision;

/**
 * The OpenCL implementation (float32 kernels) checked like any user's library: by extending
 * {@link AbstractConformanceTest} on every catalogue entry that has a kernel (iterating
 * {@link Catalogue#entries()}, so a newly merged reference is covered without touching this
 * class). Skipped, with the reason, where no OpenCL device exists.
 */
class GpuConformanceTest extends AbstractConformanceTest {

    /** The entries the OpenCL implementation is checked on: built in the catalogue, with a kernel, not skipped. */
    static List<Entry> covered() {
        return Catalogue.entries().stream()
                .filter(e -> GpuCatalogue.hasKernel(e.id()) && e.skipReason(org.nncheck.catalogue.Check.GPU).isEmpty()).toList();
    }

    static Implementation gpu(Precision p) {
        return Implementation.of("gpu (OpenCL, " + p.dtype() + ")", id -> GpuCatalogue.create(id, p), Dtype.parse(p.dtype()));
    }

    @AfterAll
    static void dispose() {
        Gpu.disposeAll();
        GpuTestSupport.assertNoFallback();
    }

    @Override
    protected Implementation implementation() {
        GpuTestSupport.requireOpenCl();
        return gpu(Precision.F32);
    }

    @Override
    protected List<Entry> entries() {
        return covered();
    }

    /**
     * The kit catches a wrong kernel: leaky_relu's (with its own default alpha 0.01: given relu's
     * parameters, which have no alpha, the leaky kernel would be relu itself) passed off as relu.
     */
    @Test
    void aWrongKernelIsCaught() {
        GpuTestSupport.requireOpenCl();
        org.nncheck.core.Component leaky = GpuCatalogue.create("leaky_relu", Precision.F32).orElseThrow();
        org.nncheck.core.Params leakyDefaults = Catalogue.get("leaky_relu").orElseThrow().params(Map.of());
        org.nncheck.core.Component asRelu = new org.nncheck.core.Component() {
            @Override
            public String id() {
                return "relu";
            }

            @Override
            public Map<String, Tensor> forward(Map<String, Tensor> inputs, org.nncheck.core.Params params) {
                return leaky.forward(inputs, leakyDefaults);
            }

            @Override
            public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, org.nncheck.core.Params params) {
                return leaky.backward(inputs, upstream, leakyDefaults);
            }
        };
        Implementation wrong = Implementation.of("leaky as relu", id -> id.equals("relu")
                ? Optional.of(asRelu) : Optional.empty(), Dtype.FLOAT32);
        List<CheckResult> r = ConformanceKit.run(wrong, 1, List.of(Catalogue.get("relu").orElseThrow()));
        assertTrue(r.stream().anyMatch(x -> x.failed() && x.check().equals(ConformanceKit.FORWARD) && x.detail().contains("'y'")),
                () -> r.stream().map(CheckResult::text).collect(Collectors.joining("\n")));
    }

    /**
     * The element-wise kernels at extremes (+-80: the largest float exp argument that stays
     * finite is 88.7; +-20 where tanh and sigmoid saturate) and beside the kinks (1e-4, 1e-30),
     * float32 and, on an fp64 device, float64.
     */
    @Test
    void elementwiseKernelsAtExtremes() {
        GpuTestSupport.requireOpenCl();
        double[] special = {80, -80, 20, -20, 1e-4, -1e-4, 1e-30, -1e-30, 5, -5, 0};
        List<String> failures = new ArrayList<>();
        for (Precision p : GpuTestSupport.precisions()) {
            for (String id : List.of("sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "gelu")) {
                Entry e = Catalogue.get(id).orElseThrow();
                for (int pi = 0; pi < e.sampleParams().size(); pi++) {
                    SplittableRandom rnd = new SplittableRandom(31L * pi + id.hashCode());
                    double[] v = Samples.normal(rnd, 0, 3, 4, 11).toArray();
                    for (int i = 0; i < special.length; i++) {
                        v[i * 4 % v.length] = special[i];
                    }
                    List<CheckResult> r = ConformanceKit.checkInputs(gpu(p), e, Map.of("x", Tensor.wrap(new int[] {4, 11}, v)),
                            e.params(e.sampleParams().get(pi)), pi);
                    r.stream().filter(CheckResult::failed).forEach(x -> failures.add(p.dtype() + " " + x.text()));
                }
            }
        }
        assertEquals(List.of(), failures);
    }
}
