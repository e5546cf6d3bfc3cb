package org.nncheck.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Device truth: listing, choice, and fallback detection after every execute. */
class DevicesTest {

    @AfterAll
    static void dispose() {
        Gpu.disposeAll();
    }

    @Test
    void reportSaysPlainlyWhatIsAvailable() {
        String r = Devices.report();
        if (Devices.openClAvailable()) {
            assertTrue(r.contains("Chosen: ["), r);
            assertFalse(r.contains("Chosen: NONE"), r);
        } else {
            assertTrue(r.contains("Only a Java fallback"), r);
        }
    }

    @Test
    void chosenDeviceIsOneOfTheListed() {
        Devices.Survey s = Devices.survey();
        assumeTrue(s.openCl(), () -> "no OpenCL device: " + s.problem().orElse("?"));
        assertTrue(s.devices().contains(s.chosen().get()));
        assertTrue(s.chosen().get().computeUnits() > 0);
        assertTrue(s.chosen().get().maxWorkGroupSize() >= 256, "the 16x16 GEMM tiles need work-groups of 256");
    }

    @Test
    void untranslatableKernelIsNeverCountedAsOpenCl() {
        long before = Gpu.openClRuns();
        UntranslatableKernel k = new UntranslatableKernel();
        try {
            OpenClFallbackException e = assertThrows(OpenClFallbackException.class, () -> Gpu.run(k, 8));
            assertEquals(Devices.openClAvailable(), e.deviceExists());
            assertEquals("UntranslatableKernel", e.kernel());
        } finally {
            k.dispose();
        }
        assertEquals(before, Gpu.openClRuns());
    }

    @Test
    void paddedWorkSizesCoverPrimeAndTinySizes() {
        assumeTrue(Devices.openClAvailable(), "no OpenCL device");
        for (int n : new int[] {1, 2, 7, 63, 64, 65, 97, 1031}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i - n / 2.0;
            }
            double[] y = Kernels.activation(Precision.F32, k -> k.apply(org.nncheck.gpu.kernel.ActivationKernelF.RELU,
                    org.nncheck.gpu.kernel.ActivationKernelF.FORWARD, x, null, null, 0, 1, 1, 1));
            assertEquals(n, y.length);
            for (int i = 0; i < n; i++) {
                // relu of an exactly representable value is exact
                assertEquals(Math.max(0, x[i]), y[i], 0.0, "n=" + n + " i=" + i);
            }
        }
    }
}
