package org.nncheck.properties.gpu;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.AbstractConformanceTest;
import org.nncheck.conformance.Implementation;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.Precision;

/** The float64 OpenCL kernels checked by the conformance kit; skipped, with the reason, without cl_khr_fp64. */
class GpuFloat64ConformanceTest extends AbstractConformanceTest {

    @AfterAll
    static void dispose() {
        Gpu.disposeAll();
        GpuTestSupport.assertNoFallback();
    }

    @Override
    protected Implementation implementation() {
        GpuTestSupport.requireFp64();
        return GpuConformanceTest.gpu(Precision.F64);
    }

    @Override
    protected List<Entry> entries() {
        return GpuConformanceTest.covered();
    }
}
