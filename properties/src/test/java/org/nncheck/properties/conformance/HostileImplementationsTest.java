package org.nncheck.properties.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Implementations that throw errors, hang, or end the JVM must each be reported against their
 * entry and check, and must never stop the run or end it as a pass.
 */
class HostileImplementationsTest {
    private static final List<Entry> THREE = List.of(Catalogue.get("sigmoid").orElseThrow(), Catalogue.get("relu").orElseThrow(),
            Catalogue.get("tanh").orElseThrow());

    /** The reference of {@code id} whose forward does {@code hostile} instead. */
    static Component hostile(String id, Runnable hostile) {
        Component ref = Catalogue.get(id).orElseThrow().newReference();
        return new Component() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
                hostile.run();
                return ref.forward(in, p);
            }

            @Override
            public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
                return ref.backward(in, up, p);
            }
        };
    }

    private static int depth(int n) {
        return n == Integer.MIN_VALUE ? 0 : depth(n + 1) + 1;
    }

    /** sigmoid misbehaves with {@code hostile}; relu and tanh are correct and must still pass. */
    private static List<CheckResult> runWith(Runnable hostile) {
        Implementation impl = new Implementation() {
            @Override
            public String name() {
                return "hostile";
            }

            @Override
            public Optional<Component> component(Entry e) {
                return Optional.of(e.id().equals("sigmoid") ? hostile("sigmoid", hostile) : e.newReference());
            }

            @Override
            public Duration checkTimeout() {
                return Duration.ofSeconds(2);
            }
        };
        return ConformanceKit.run(impl, 3, THREE);
    }

    private static void assertReported(List<CheckResult> r, String... fragments) {
        String all = r.stream().map(CheckResult::text).collect(Collectors.joining("\n"));
        CheckResult fwd = r.stream().filter(x -> x.entry().equals("activation/sigmoid") && x.check().equals(ConformanceKit.FORWARD))
                .findFirst().orElseThrow(() -> new AssertionError(all));
        assertTrue(fwd.failed(), all);
        for (String f : fragments) {
            assertTrue(fwd.detail().contains(f), "'" + f + "' not in: " + fwd.detail());
        }
        assertTrue(r.stream().filter(x -> !x.entry().equals("activation/sigmoid")).noneMatch(CheckResult::failed), all);
        assertTrue(r.stream().filter(x -> x.entry().equals("activation/tanh")).anyMatch(CheckResult::passed), all);
    }

    @Test
    void aStackOverflowIsReportedAgainstItsEntryAndCheck() {
        assertReported(runWith(() -> depth(0)), "StackOverflowError", "at ");
    }

    @Test
    void anOutOfMemoryErrorIsReported() {
        assertReported(runWith(() -> {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        }), "OutOfMemoryError", "Java heap space");
    }

    @Test
    void aLinkageErrorIsReportedWithItsCauseChain() {
        assertReported(runWith(() -> {
            throw new NoClassDefFoundError("org/nd4j/Backend");
        }), "NoClassDefFoundError", "org/nd4j/Backend");
        assertReported(runWith(() -> {
            throw new IllegalStateException("backend failed", new UnsatisfiedLinkError("no libnd4j in java.library.path"));
        }), "IllegalStateException: backend failed", "caused by: java.lang.UnsatisfiedLinkError: no libnd4j");
    }

    @Test
    void aHangIsReportedAfterTheTimeLimitAndTheRunGoesOn() {
        long t0 = System.nanoTime();
        // a hang that ignores interrupts (sleeping, so that the abandoned threads cost no CPU)
        assertReported(runWith(() -> {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    // keeps hanging
                }
            }
        }), "did not finish within 2 s");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60), "the run waited for the hanging checks");
    }

    @Test
    void aLookupThatThrowsOrReturnsNullFailsThatEntryOnly() {
        Implementation impl = Implementation.of("bad lookup", id -> switch (id) {
            case "sigmoid" -> throw new IllegalArgumentException("no such layer: sigmoid");
            case "relu" -> null;
            default -> Optional.of(Catalogue.get(id).orElseThrow().newReference());
        });
        List<CheckResult> r = ConformanceKit.run(impl, 3, THREE);
        String all = r.stream().map(CheckResult::text).collect(Collectors.joining("\n"));
        CheckResult sig = r.stream().filter(x -> x.entry().equals("activation/sigmoid")).findFirst().orElseThrow();
        CheckResult relu = r.stream().filter(x -> x.entry().equals("activation/relu")).findFirst().orElseThrow();
        assertTrue(sig.failed() && sig.check().equals(ConformanceKit.PROVIDED) && sig.detail().contains("no such layer"), all);
        assertTrue(relu.failed() && relu.detail().contains("returned null"), all);
        assertTrue(r.stream().filter(x -> x.entry().equals("activation/tanh")).allMatch(x -> !x.failed()), all);
        assertTrue(r.stream().anyMatch(x -> x.entry().equals("activation/tanh") && x.check().equals(ConformanceKit.FORWARD) && x.passed()),
                all);
    }

    @Test
    void checksRunWithTheImplementationsContextClassLoader() {
        ClassLoader[] seen = new ClassLoader[1];
        List<CheckResult> r = runWith(() -> seen[0] = Thread.currentThread().getContextClassLoader());
        assertEquals(HostileImplementationsTest.class.getClassLoader(), seen[0]);
        assertTrue(r.stream().noneMatch(CheckResult::failed), () -> r.stream().map(CheckResult::text).collect(Collectors.joining("\n")));
    }

    /** Entry point of the child JVM of {@link #systemExitFromAnImplementationIsAFailure}. */
    public static void main(String[] args) {
        List<CheckResult> r = runWith(() -> System.exit(0));
        System.out.println(ConformanceKit.summary(r));
    }

    @Test
    void systemExitFromAnImplementationIsAFailure() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HostileImplementationsTest.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("FAIL activation/sigmoid > " + ConformanceKit.FORWARD) && out.contains("System.exit"), out);
        assertTrue(!out.contains("passed,"), out);
    }
}
