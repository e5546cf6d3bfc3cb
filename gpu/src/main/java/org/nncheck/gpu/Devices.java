package org.nncheck.gpu;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nncheck.gpu.kernel.ProbeKernelD;
import org.nncheck.gpu.kernel.ProbeKernelF;

/**
 * The OpenCL platforms and devices of this machine, and the one device the gpu module uses.
 *
 * <p>Device truth: a device counts as usable only after a probe kernel really ran on it
 * ({@link Kernel#isRunningCL()} and an {@link OpenCLDevice} as target after
 * {@code execute}); fp64 likewise is probed with a double kernel. Aparapi falls back to its
 * Java thread pool silently when no ICD is installed, so listing alone proves nothing.
 *
 * <p>Choice: the system property {@code nncheck.gpu.device} ({@code "p:d"} indices, or a
 * case-insensitive substring of the device name) when set; otherwise the first GPU, then the
 * first accelerator, then the first CPU device, in the ICD loader's order.
 */
public final class Devices {

    /** Everything known about the machine's OpenCL, computed once. */
    public record Survey(List<DeviceInfo> devices, Optional<DeviceInfo> chosen, Optional<String> problem) {
        /** Whether a kernel can run on an OpenCL device. */
        public boolean openCl() {
            return chosen.isPresent();
        }

        /** Whether the chosen device runs double kernels. */
        public boolean fp64() {
            return chosen.map(DeviceInfo::fp64).orElse(false);
        }
    }

    private static volatile Survey survey;
    private static volatile OpenCLDevice chosenDevice;

    private Devices() {
    }

    /** The survey (first call enumerates and probes; later calls reuse it). */
    public static Survey survey() {
        Survey s = survey;
        if (s == null) {
            synchronized (Devices.class) {
                if (survey == null) {
                    survey = enumerate();
                }
                s = survey;
            }
        }
        return s;
    }

    /** Whether an OpenCL device is usable (a probe kernel ran on it). */
    public static boolean openClAvailable() {
        return survey().openCl();
    }

    /** Whether the chosen device runs double-precision kernels. */
    public static boolean fp64Available() {
        return survey().fp64();
    }

    /** The Aparapi device kernels are sent to, if any. */
    static Optional<OpenCLDevice> chosenDevice() {
        survey();
        return Optional.ofNullable(chosenDevice);
    }

    private static Survey enumerate() {
        List<OpenCLPlatform> platforms;
        try {
            platforms = OpenCLPlatform.getUncachedOpenCLPlatforms();
        } catch (Throwable t) { // UnsatisfiedLinkError when libOpenCL is missing
            return new Survey(List.of(), Optional.empty(),
                    Optional.of("OpenCL could not be loaded (" + t + "); only Aparapi's Java fallback is available"));
        }
        List<DeviceInfo> infos = new ArrayList<>();
        List<OpenCLDevice> devs = new ArrayList<>();
        for (int p = 0; p < platforms.size(); p++) {
            OpenCLPlatform pl = platforms.get(p);
            List<OpenCLDevice> pd = pl.getOpenCLDevices();
            for (int d = 0; d < pd.size(); d++) {
                OpenCLDevice dev = pd.get(d);
                boolean f32 = probe(new ProbeKernelF(), dev, false);
                boolean f64 = f32 && probe(new ProbeKernelD(), dev, true);
                infos.add(new DeviceInfo(p, d, pl.getName(), pl.getVendor(), pl.getVersion(), dev.getName(),
                        String.valueOf(dev.getType()), dev.getMaxComputeUnits(), dev.getGlobalMemSize(), dev.getLocalMemSize(),
                        dev.getMaxWorkGroupSize(), f64));
                devs.add(f32 ? dev : null);
            }
        }
        if (infos.isEmpty()) {
            return new Survey(List.of(), Optional.empty(), Optional.of(
                    "no OpenCL platform/device found (is an ICD such as pocl-opencl-icd installed?); only Aparapi's Java fallback is available"));
        }
        int pick = choose(infos, devs);
        if (pick < 0) {
            return new Survey(List.copyOf(infos), Optional.empty(), Optional.of(
                    "OpenCL devices are listed but no probe kernel ran on any of them (or none matches nncheck.gpu.device); only Aparapi's Java fallback is available"));
        }
        chosenDevice = devs.get(pick);
        return new Survey(List.copyOf(infos), Optional.of(infos.get(pick)), Optional.empty());
    }

    private static int choose(List<DeviceInfo> infos, List<OpenCLDevice> devs) {
        String want = System.getProperty("nncheck.gpu.device", "").trim();
        if (!want.isEmpty()) {
            for (int i = 0; i < infos.size(); i++) {
                DeviceInfo di = infos.get(i);
                if (devs.get(i) != null && (di.address().equals(want)
                        || di.name().toLowerCase(Locale.ROOT).contains(want.toLowerCase(Locale.ROOT)))) {
                    return i;
                }
            }
            return -1;
        }
        for (String type : List.of("GPU", "ACC", "CPU")) {
            for (int i = 0; i < infos.size(); i++) {
                if (devs.get(i) != null && infos.get(i).type().equals(type)) {
                    return i;
                }
            }
        }
        for (int i = 0; i < infos.size(); i++) {
            if (devs.get(i) != null) {
                return i;
            }
        }
        return -1;
    }

    private static boolean probe(Kernel k, OpenCLDevice dev, boolean dbl) {
        try {
            if (dbl) {
                ProbeKernelD pk = (ProbeKernelD) k;
                pk.x = new double[] {3};
                pk.y = new double[1];
                pk.n = 1;
                pk.execute(Range.create(dev, 1, 1));
                return pk.isRunningCL() && pk.getTargetDevice() instanceof OpenCLDevice && pk.y[0] == 10;
            }
            ProbeKernelF pk = (ProbeKernelF) k;
            pk.x = new float[] {3};
            pk.y = new float[1];
            pk.n = 1;
            pk.execute(Range.create(dev, 1, 1));
            Device target = pk.getTargetDevice();
            return pk.isRunningCL() && target instanceof OpenCLDevice && pk.y[0] == 10f;
        } catch (RuntimeException | LinkageError e) {
            return false;
        } finally {
            k.dispose();
        }
    }

    /** The report {@code nncheck devices} prints. */
    public static String report() {
        Survey s = survey();
        StringBuilder sb = new StringBuilder();
        if (s.devices().isEmpty()) {
            sb.append("OpenCL platforms: none\n");
        } else {
            sb.append("OpenCL devices (").append(s.devices().size()).append("):\n");
            for (DeviceInfo d : s.devices()) {
                sb.append("  ").append(d.describe()).append('\n');
            }
        }
        if (s.chosen().isPresent()) {
            DeviceInfo c = s.chosen().get();
            sb.append("Chosen: [").append(c.address()).append("] ").append(c.name()).append(" (").append(c.platform())
                    .append("); kernels run in float32").append(c.fp64() ? " and float64" : " only (no fp64)").append('\n');
        } else {
            sb.append("Chosen: NONE. Only a Java fallback (Aparapi's thread pool) is available: it is NOT an OpenCL run, "
                    + "and the gpu module refuses to report it as one.\n");
        }
        s.problem().ifPresent(p -> sb.append("Note: ").append(p).append('\n'));
        return sb.toString();
    }
}
