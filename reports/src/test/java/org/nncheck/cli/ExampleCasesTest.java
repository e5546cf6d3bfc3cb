package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.cases.CaseReader;
import org.nncheck.cases.CaseResult;
import org.nncheck.cases.CaseVerifier;

/**
 * The shipped example cases (PyTorch 1.13, examples/cases/pytorch-1.13): every case in
 * {@code pass/} must be accepted and every case in {@code fail/} (each with an injected bug,
 * named in its {@code _bug} field) must be rejected; ONNX's pooling cases (examples/cases/onnx)
 * must be accepted.
 */
class ExampleCasesTest {
    static final Path ROOT = Path.of("..", "examples", "cases", "pytorch-1.13");

    @TestFactory
    Stream<DynamicTest> passCasesAreAccepted() throws IOException {
        return cases("pass", CaseResult.Status.PASS);
    }

    @TestFactory
    Stream<DynamicTest> failCasesAreRejected() throws IOException {
        return cases("fail", CaseResult.Status.FAIL);
    }

    /** ONNX's own pooling node tests (examples/cases/onnx, README there) must all be accepted. */
    @TestFactory
    Stream<DynamicTest> onnxPoolingCasesAreAccepted() throws IOException {
        return cases(ROOT.resolveSibling("onnx"), "onnx", CaseResult.Status.PASS);
    }

    private static Stream<DynamicTest> cases(String dir, CaseResult.Status want) throws IOException {
        return cases(ROOT.resolve(dir), dir, want);
    }

    private static Stream<DynamicTest> cases(Path folder, String dir, CaseResult.Status want) throws IOException {
        CaseVerifier v = new CaseVerifier();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : CaseReader.files(List.of(folder))) {
            tests.add(DynamicTest.dynamicTest(dir + "/" + f.getFileName(), () -> {
                for (CaseReader.Parsed p : CaseReader.read(f)) {
                    CaseResult r = p instanceof CaseReader.Parsed.Ok ok ? v.verify(ok.value())
                            : CaseVerifier.malformed((CaseReader.Parsed.Malformed) p);
                    assertEquals(want, r.status(), () -> r.id() + ": " + (r.message() != null ? r.message()
                            : r.worstTensor() == null ? "" : r.worstTensor().describe()));
                }
            }));
        }
        return tests.stream();
    }
}
