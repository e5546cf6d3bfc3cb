package org.nncheck.properties.init;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.stats.InitializerVerification;
import org.nncheck.stats.SampleVerdict;

/**
 * The example initializer cases (made with PyTorch 1.13, examples/cases/pytorch-1.13): every pass/init-*
 * sample is accepted, every fail/init-* sample rejected, and the failure names the injected bug
 * (its {@code _bug}) as a matching alternative.
 */
class InitializerCasesTest {

    @SuppressWarnings("unchecked")
    private static SampleVerdict verify(Path file) throws Exception {
        Map<String, Object> c = CaseFiles.read(file);
        Map<String, Object> inputs = (Map<String, Object>) c.get("inputs");
        Entry e = Catalogue.resolve((String) c.get("component"), inputs.keySet());
        Params p = e.params((Map<String, Object>) c.getOrDefault("params", Map.of()));
        Tensor w = CaseFiles.tensor(inputs.get("w"));
        return InitializerVerification.verify(e, p, w);
    }

    @Test
    void passCasesAreAccepted() throws Exception {
        List<Path> files = CaseFiles.list("pass", "init-");
        org.junit.jupiter.api.Assertions.assertFalse(files.isEmpty(), "no example cases found");
        List<String> rejected = new ArrayList<>();
        for (Path f : files) {
            SampleVerdict v = verify(f);
            System.out.println(f.getFileName() + ": " + v.summary());
            if (!v.passed()) {
                rejected.add(f.getFileName() + ": " + v.summary() + " " + v.details());
            }
        }
        assertTrue(rejected.isEmpty(), "rejected: " + rejected);
    }

    @Test
    void failCasesAreRejectedAndTheBugIsNamed() throws Exception {
        List<Path> files = CaseFiles.list("fail", "init-");
        org.junit.jupiter.api.Assertions.assertFalse(files.isEmpty(), "no example cases found");
        Map<String, String> expectedAlternative = Map.of(
                "init-he-fanout.json", "the other fan mode",
                "init-lecun-as-xavier.json", "lecun_normal (the lecture's randn/sqrt(fan_in) called Xavier)",
                "init-uniform-shifted.json", "symmetric bounds");
        for (Path f : files) {
            SampleVerdict v = verify(f);
            System.out.println(f.getFileName() + ": " + v.summary());
            assertFalse(v.passed(), f.getFileName() + " accepted: " + v.details());
            String alt = expectedAlternative.get(f.getFileName().toString());
            if (alt != null) {
                assertTrue(v.summary().contains("would match under: ") && v.summary().contains(alt),
                        f.getFileName() + " should name '" + alt + "': " + v.summary());
            }
        }
    }
}
