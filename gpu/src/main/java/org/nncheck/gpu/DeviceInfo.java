package org.nncheck.gpu;

/**
 * One OpenCL device as the driver reports it (through Aparapi's JNI layer).
 *
 * @param platformIndex index of the platform in the ICD loader's order
 * @param deviceIndex index of the device within its platform
 * @param platform platform name (e.g. "Portable Computing Language")
 * @param platformVendor platform vendor
 * @param platformVersion platform version string ("OpenCL 3.0 PoCL ...")
 * @param name device name
 * @param type GPU, CPU, ACC (Aparapi's {@code Device.TYPE})
 * @param computeUnits {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 * @param globalMemBytes {@code CL_DEVICE_GLOBAL_MEM_SIZE}
 * @param localMemBytes {@code CL_DEVICE_LOCAL_MEM_SIZE}
 * @param maxWorkGroupSize {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 * @param fp64 whether a double-precision kernel really ran on this device (probed by compiling
 *     and running a tiny double kernel: Aparapi exposes no extension list, and a kernel it
 *     cannot run in double falls back to Java, which the probe detects)
 */
public record DeviceInfo(int platformIndex, int deviceIndex, String platform, String platformVendor,
                         String platformVersion, String name, String type, int computeUnits, long globalMemBytes,
                         long localMemBytes, int maxWorkGroupSize, boolean fp64) {

    /** "platform/device" indices, as accepted by the {@code nncheck.gpu.device} system property. */
    public String address() {
        return platformIndex + ":" + deviceIndex;
    }

    /** One human-readable line. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "[%s] %s (%s) on %s (%s, %s): %d compute units, %s global, %s local memory, max work-group %d, fp64 %s",
                address(), name, type, platform, platformVendor, platformVersion, computeUnits, bytes(globalMemBytes),
                bytes(localMemBytes), maxWorkGroupSize, fp64 ? "yes" : "no");
    }

    static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
        }
        return String.format(java.util.Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
}
