package org.nncheck.properties.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import org.nncheck.gpu.Devices;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.Precision;

/** Shared test plumbing: device assumptions, fallback accounting, permissive parameter schemas. */
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

    /**
     * Params for a component whose catalogue entry is not built yet (cases of the SPEC): a
     * schema made from the given values themselves (numbers real, booleans bool, strings a
     * one-value choice, lists int lists). The gpu components read parameters by SPEC name and
     * apply the SPEC defaults themselves.
     */
    static Params permissive(String id, Map<String, Object> raw) {
        List<ParamSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Object v = e.getValue();
            String n = e.getKey();
            if (v instanceof Boolean) {
                specs.add(ParamSpec.bool(n, null, n).optional());
            } else if (v instanceof Number) {
                specs.add(ParamSpec.real(n, null, n).optional());
            } else if (v instanceof String s) {
                specs.add(ParamSpec.choice(n, null, List.of(s), n).optional());
            } else {
                specs.add(ParamSpec.intList(n, null, n).optional());
            }
        }
        return Params.of(id, specs, raw);
    }
}
