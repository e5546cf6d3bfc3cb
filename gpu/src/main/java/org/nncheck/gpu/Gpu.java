package org.nncheck.gpu;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs kernels on the chosen OpenCL device and checks, after EVERY execute, that the kernel
 * really ran there ({@link Kernel#isRunningCL()} and an {@link OpenCLDevice} target).
 *
 * <p>A run that Aparapi moved to its Java thread pool throws {@link OpenClFallbackException}:
 * a fallback is never returned as an OpenCL result. Only with the system property
 * {@code nncheck.gpu.allowFallback=true} is a fallback result returned, and then it is counted
 * in {@link #fallbackRuns()} so callers can tell.
 *
 * <p>Work sizes: callers give the logical size and a local (work-group) size; the global size
 * is padded up to a multiple of the local size and kernels bounds-check their index, so a
 * prime or tiny size never degenerates to work-groups of one (as {@code Range.create(n)} would
 * pick for a prime n).
 *
 * <p>Kernel instances are pooled per class (compiling an OpenCL program costs 0.2-3 s on
 * PoCL) and disposed by {@link #disposeAll()}.
 */
public final class Gpu {
    private static final AtomicLong CL_RUNS = new AtomicLong();
    private static final AtomicLong FALLBACK_RUNS = new AtomicLong();
    private static final Map<Class<?>, ConcurrentLinkedDeque<Kernel>> POOL = new ConcurrentHashMap<>();

    /** Work-group size of 1-D element-wise kernels. */
    public static final int LOCAL_1D = 64;

    private Gpu() {
    }

    /** Whether fallback results are returned (counted) instead of refused. */
    public static boolean allowFallback() {
        return Boolean.getBoolean("nncheck.gpu.allowFallback");
    }

    /** Kernel executions that ran on an OpenCL device. */
    public static long openClRuns() {
        return CL_RUNS.get();
    }

    /** Kernel executions that ran on Aparapi's Java fallback (only possible with allowFallback). */
    public static long fallbackRuns() {
        return FALLBACK_RUNS.get();
    }

    /** {@code n} rounded up to a multiple of {@code m} (at least m). */
    public static int roundUp(int n, int m) {
        return Math.max(m, ((n + m - 1) / m) * m);
    }

    /** 1-D execute over {@code n} logical items with work-groups of {@code local}. */
    public static void run(Kernel k, int n, int local) {
        int l = clampLocal(local);
        Optional<OpenCLDevice> dev = Devices.chosenDevice();
        int g = roundUp(Math.max(n, 1), l);
        Range r = dev.isPresent() ? Range.create(dev.get(), g, l) : Range.create(g, l);
        execute(k, r);
    }

    /** 1-D execute over {@code n} logical items with the default work-group size. */
    public static void run(Kernel k, int n) {
        run(k, n, LOCAL_1D);
    }

    /** 2-D execute over {@code nx * ny} logical items with {@code lx * ly} work-groups. */
    public static void run2D(Kernel k, int nx, int ny, int lx, int ly) {
        Optional<OpenCLDevice> dev = Devices.chosenDevice();
        int gx = roundUp(Math.max(nx, 1), lx);
        int gy = roundUp(Math.max(ny, 1), ly);
        Range r = dev.isPresent() ? Range.create2D(dev.get(), gx, gy, lx, ly) : Range.create2D(gx, gy, lx, ly);
        execute(k, r);
    }

    private static void execute(Kernel k, Range r) {
        try {
            k.execute(r);
        } catch (AssertionError e) {
            // With assertions enabled Aparapi refuses a device-bound range once the kernel has
            // fallen back ("user supplied Device incompatible with current EXECUTION_MODE"):
            // that is a fallback too.
            String name = k.getClass().getSimpleName();
            OpenClFallbackException f = new OpenClFallbackException(name, Devices.openClAvailable(), "kernel " + name
                    + " could not run on the OpenCL device and Aparapi fell back (" + e.getMessage() + ")");
            f.initCause(e);
            throw f;
        }
        check(k);
    }

    private static int clampLocal(int local) {
        int max = Devices.survey().chosen().map(DeviceInfo::maxWorkGroupSize).orElse(local);
        return Math.max(1, Math.min(local, max));
    }

    private static void check(Kernel k) {
        boolean cl = k.isRunningCL() && k.getTargetDevice() instanceof OpenCLDevice;
        if (cl) {
            CL_RUNS.incrementAndGet();
            return;
        }
        boolean exists = Devices.openClAvailable();
        if (allowFallback() && !exists) {
            FALLBACK_RUNS.incrementAndGet();
            return;
        }
        String name = k.getClass().getSimpleName();
        throw new OpenClFallbackException(name, exists, exists
                ? "kernel " + name + " ran on Aparapi's Java fallback (" + k.getTargetDevice()
                        + ") although OpenCL device " + Devices.survey().chosen().get().name()
                        + " exists: the kernel could not be translated or compiled (see Aparapi's log)"
                : "kernel " + name + " ran on Aparapi's Java fallback: no OpenCL device ("
                        + Devices.survey().problem().orElse("none") + ")");
    }

    /** A pooled kernel of class {@code type}, or a new one; give it back with {@link #release}. */
    public static <K extends Kernel> K borrow(Class<K> type, Supplier<K> factory) {
        ConcurrentLinkedDeque<Kernel> q = POOL.computeIfAbsent(type, t -> new ConcurrentLinkedDeque<>());
        Kernel k = q.pollFirst();
        return k != null ? type.cast(k) : factory.get();
    }

    /** Returns a kernel to the pool (at most 4 idle instances per class are kept; the rest are disposed). */
    public static void release(Kernel k) {
        ConcurrentLinkedDeque<Kernel> q = POOL.computeIfAbsent(k.getClass(), t -> new ConcurrentLinkedDeque<>());
        if (q.size() >= 4) {
            k.dispose();
        } else {
            q.addFirst(k);
        }
    }

    /** Disposes every pooled kernel (OpenCL programs and buffers). */
    public static void disposeAll() {
        for (ConcurrentLinkedDeque<Kernel> q : POOL.values()) {
            Kernel k;
            while ((k = q.pollFirst()) != null) {
                k.dispose();
            }
        }
    }
}
