package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/nncheck_case.py, the Python bridge: with NumPy only it writes a case (one tensor as
 * {@code .npy}) that {@code verify} accepts, and a perturbed one that it rejects; with PyTorch
 * installed, a conv2d module and a cross-entropy loss written from autograd verify. Runs the
 * Debian interpreter /usr/bin/python3 (where python3-numpy and python3-torch install); skipped,
 * saying why, when it or NumPy / PyTorch is missing.
 */
class PythonBridgeTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path TOOLS = Path.of("..", "tools").toAbsolutePath().normalize();

    private static String python(String script) throws Exception {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import sys; sys.path.insert(0, " + quote(TOOLS.toString()) + ")\n" + script)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static boolean imports(String module) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void numpyOnlyCaseIsAcceptedAndItsPerturbationRejected(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(imports("numpy"), "skipped: /usr/bin/python3 with NumPy is not installed (Debian python3-numpy)");
        python("import numpy as np, nncheck_case as nc\n"
                + "rng = np.random.default_rng(1)\n"
                + "x = rng.standard_normal((3, 4)).astype(np.float32); dy = rng.standard_normal((3, 4)).astype(np.float32)\n"
                + "y = np.maximum(x, 0); dx = np.where(x > 0, dy, 0).astype(np.float32)\n"
                + "nc.write_case(" + quote(dir.resolve("ok/relu.json").toString()) + ", 'relu', {'x': x, 'dy': dy}, {'y': y, 'dx': dx},"
                + " dtype='float32', npy_threshold=12)\n"
                + "y[1, 2] += 0.5\n"
                + "nc.write_case(" + quote(dir.resolve("bad/relu.json").toString()) + ", 'relu', {'x': x, 'dy': dy}, {'y': y, 'dx': dx},"
                + " dtype='float32', npy_threshold=1000)\n");
        assertTrue(Files.readString(dir.resolve("ok/relu.json")).contains("{\"npy\": \"relu.inputs.x.npy\"}"));
        VerifyCommandTest.Run ok = VerifyCommandTest.run("verify", dir.resolve("ok").toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("PASS  relu  relu"), ok.out());
        VerifyCommandTest.Run bad = VerifyCommandTest.run("verify", dir.resolve("bad").toString());
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().contains("FAIL  relu  relu  y[1,2]"), bad.out());
    }

    @Test
    void pytorchModuleAndLossRoundTrip(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(imports("torch"), "skipped: PyTorch is not installed for /usr/bin/python3 (Debian python3-torch)");
        python("import torch, nncheck_case as nc\n"
                + "torch.manual_seed(0)\n"
                + "conv = torch.nn.Conv2d(3, 5, 3, padding=1)\n"
                + "nc.torch_case(" + quote(dir.resolve("conv.json").toString()) + ", 'conv2d', conv, {'x': torch.randn(2, 3, 8, 8)},"
                + " params={'stride': 1, 'pad': 1}, module_params={'w': 'weight', 'b': 'bias'}, npy_threshold=100)\n"
                + "logits = torch.randn(6, 4, dtype=torch.float64); labels = torch.tensor([0, 3, 1, 2, 2, 1])\n"
                + "nc.torch_case(" + quote(dir.resolve("ce.json").toString()) + ", 'softmax_cross_entropy',"
                + " lambda logits, labels: torch.nn.functional.cross_entropy(logits, labels), {'logits': logits, 'labels': labels},"
                + " outputs=('loss',))\n");
        VerifyCommandTest.Run r = VerifyCommandTest.run("verify", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS  conv  conv2d") && r.out().contains("PASS  ce  softmax_cross_entropy"), r.out());
    }
}
