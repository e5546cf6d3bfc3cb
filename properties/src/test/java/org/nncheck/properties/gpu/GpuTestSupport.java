package org.nncheck.properties.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.nncheck.gpu.Devices;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.Precision;

/** Shared test plumbing: device assumptions, fallback accounting. */
final class GpuTestSupport {
    private GpuTestSupport() {
    }

    /**
     * Skips (never passes) the calling test when no OpenCL device exists, with the reason; when
     * a device exists, fallback results are refused by {@link Gpu} (an exception fails the test).
     */
    static void requireOpenCl() {
        assumeTrue(Devices.openClAvailable(), () -> "SKIPPED, no OpenCL device: " + Devices.survey().problem().orElse("?"));
    }

    /** Skips the float64 part when the device has no cl_khr_fp64. */
    static void requireFp64() {
        requireOpenCl();
        assumeTrue(Devices.fp64Available(), "SKIPPED, the OpenCL device has no cl_khr_fp64");
    }

    /** The precisions this device runs. */
    static List<Precision> precisions() {
        return Devices.fp64Available() ? List.of(Precision.F32, Precision.F64) : List.of(Precision.F32);
    }

    /** No kernel in this JVM ran on the Java fallback. */
    static void assertNoFallback() {
        assertEquals(0, Gpu.fallbackRuns(), "kernels ran on Aparapi's Java fallback");
    }
}
