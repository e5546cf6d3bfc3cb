package org.nncheck.cli;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nncheck.cases.Dtype;
import org.nncheck.conformance.Failures;
import org.nncheck.conformance.Implementation;
import org.nncheck.gpu.GpuCatalogue;
import org.nncheck.gpu.Precision;

/** Resolves {@code --impl} of the CLI: {@code reference}, {@code gpu}, or a user's class. */
final class Implementations {
    private Implementations() {
    }

    /** A user-facing problem with {@code --impl} or {@code --classpath}. */
    static final class ImplException extends Exception {
        private static final long serialVersionUID = 1L;

        ImplException(String m) {
            super(m);
        }
    }

    /**
     * @param impl {@code reference}, {@code gpu} (float32 kernels), {@code gpu-float64} (fp64
     *     kernels, where the device has cl_khr_fp64), or the name of a class implementing
     *     {@link Implementation} with a public no-argument constructor
     * @param classpath extra jars or folders for a user's class (path-separator separated)
     */
    static Implementation resolve(String impl, String classpath) throws ImplException {
        switch (impl) {
            case "reference":
                return Implementation.reference();
            case "gpu":
            case "gpu-float32":
                return gpu(Precision.F32);
            case "gpu-float64":
                return gpu(Precision.F64);
            default:
                return userClass(impl, classpath);
        }
    }

    static Implementation gpu(Precision p) {
        return Implementation.of("gpu (OpenCL, " + p.dtype() + ")", id -> GpuCatalogue.create(id, p), Dtype.parse(p.dtype()));
    }

    private static Implementation userClass(String name, String classpath) throws ImplException {
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        try {
            return loadUserClass(name, classpath);
        } finally {
            current.setContextClassLoader(before);
        }
    }

    private static Implementation loadUserClass(String name, String classpath) throws ImplException {
        ClassLoader loader = Implementations.class.getClassLoader();
        if (classpath != null && !classpath.isBlank()) {
            List<URL> urls = new ArrayList<>();
            for (String part : classpath.split(java.io.File.pathSeparator)) {
                Path p = Path.of(part);
                if (!Files.exists(p)) {
                    throw new ImplException("--classpath entry does not exist: " + part);
                }
                try {
                    urls.add(p.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new ImplException("--classpath entry is not a valid path: " + part);
                }
            }
            loader = new URLClassLoader(urls.toArray(URL[]::new), loader);
        }
        // static initializers and constructors that find their backend through it (ND4J) see the user's jars;
        // the kit sets it again on every check's thread (the implementation's class loader)
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> c;
        try {
            c = Class.forName(name, true, loader);
        } catch (LinkageError e) {
            throw new ImplException("--impl " + name + ": loading the class failed: " + Failures.describe(e));
        } catch (ClassNotFoundException e) {
            throw new ImplException("--impl " + name + ": not 'reference', 'gpu', 'gpu-float64', nor a class on the classpath"
                    + (classpath == null ? " (give --classpath)" : ""));
        }
        if (!Implementation.class.isAssignableFrom(c)) {
            throw new ImplException("--impl " + name + ": the class does not implement " + Implementation.class.getName());
        }
        try {
            return (Implementation) c.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new ImplException("--impl " + name + ": the class has no public no-argument constructor");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new ImplException("--impl " + name + ": creating it failed: " + Failures.describe(e));
        }
    }

    /** The name of the implementation, for headers. */
    static String describe(Implementation impl) {
        return Optional.ofNullable(impl.name()).orElse(impl.getClass().getName());
    }
}
