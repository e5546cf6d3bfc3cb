package org.nncheck.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package cycle catalogue <-> families stays gone: no source of {@code org.nncheck.catalogue}
 * names a family package ({@code org.nncheck.reference.*}), by import or fully qualified; the
 * families reach the catalogue through {@link java.util.ServiceLoader} and the services file.
 */
class CatalogueDependenciesTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "nncheck", "catalogue");
    private static final Path SERVICES = Path.of("src", "main", "resources", "META-INF", "services",
            EntryProvider.class.getName());

    @Test
    void theCatalogueNamesNoFamily() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() >= 10, "catalogue sources found in " + SOURCES.toAbsolutePath());
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                assertTrue(!lines.get(i).contains("org.nncheck.reference."), f.getFileName() + ":" + (i + 1)
                        + " names a family package: " + lines.get(i).strip());
            }
        }
    }

    @Test
    void everyFamilyIsRegisteredOnce() throws IOException {
        List<String> providers = Files.readAllLines(SERVICES).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(Family.values().length, providers.size(), "one provider per family: " + providers);
        for (Family f : Family.values()) {
            assertTrue(!Catalogue.entries(f).isEmpty(), f + " has entries");
        }
    }
}
