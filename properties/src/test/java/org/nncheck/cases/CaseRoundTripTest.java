package org.nncheck.cases;

import org.nncheck.catalogue.Check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;

/**
 * For every catalogue entry and each of its parameter sets: a generated case, written as JSON
 * and read back, is accepted by verify in float64 and float32 (the writer and the reader agree,
 * and the reference is deterministic).
 */
class CaseRoundTripTest {

    @TestFactory
    Stream<DynamicTest> generatedCasesVerify() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : withCases()) {
            int i = 0;
            for (Map<String, Object> p : e.sampleParams()) {
                int k = i++;
                for (Dtype d : List.of(Dtype.FLOAT64, Dtype.FLOAT32)) {
                    tests.add(DynamicTest.dynamicTest(Catalogue.key(e.family(), e.id()) + " params#" + k + " " + d.jsonName(), () -> {
                        String json = CaseWriter.generate(e, p, d, 17 + k, "rt");
                        CaseReader.Parsed parsed = CaseReader.parseCase(Path.of("rt.json"), json, 1);
                        assertInstanceOf(CaseReader.Parsed.Ok.class, parsed, parsed::toString);
                        CaseResult r = new CaseVerifier().verify(((CaseReader.Parsed.Ok) parsed).value());
                        assertEquals(CaseResult.Status.PASS, r.status(), () -> r.message() != null ? r.message() : r.worstTensor().describe());
                    }));
                }
            }
        }
        return tests.stream();
    }

    @TempDir
    Path npyDir;

    private static List<Entry> withCases() {
        return Catalogue.entries().stream().filter(e -> e.skipReason(org.nncheck.catalogue.Check.CASES).isEmpty()).toList();
    }

    /** The same with every tensor in a .npy file (SPEC v1.1): float, integer and scalar tensors all come back. */
    @TestFactory
    Stream<DynamicTest> generatedNpyCasesVerify() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : withCases()) {
            String key = Catalogue.key(e.family(), e.id());
            tests.add(DynamicTest.dynamicTest(key + " .npy", () -> {
                String id = key.replace('/', '-');
                String json = CaseWriter.generate(e, e.sampleParams().get(0), Dtype.FLOAT64, 5, id, npyDir);
                Path file = npyDir.resolve(id + ".json");
                Files.writeString(file, json);
                CaseReader.Parsed parsed = CaseReader.read(file).get(0);
                assertInstanceOf(CaseReader.Parsed.Ok.class, parsed, parsed::toString);
                CaseResult r = new CaseVerifier().verify(((CaseReader.Parsed.Ok) parsed).value());
                assertEquals(CaseResult.Status.PASS, r.status(), () -> r.message() != null ? r.message() : r.worstTensor().describe());
            }));
        }
        return tests.stream();
    }
}
