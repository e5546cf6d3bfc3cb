package org.nncheck.cli;

import java.util.concurrent.Callable;
import org.nncheck.gpu.DeviceInfo;
import org.nncheck.gpu.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nncheck devices}: the OpenCL platforms and devices (name, vendor, compute units, fp64,
 * memory), the one the OpenCL implementation will use, and plainly when only Aparapi's Java
 * fallback is available. Exit 0 when an OpenCL device is usable; with {@code --require-opencl},
 * exit 1 when none is (for CI gates).
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List OpenCL platforms/devices and the one the gpu implementation uses.")
public final class DevicesCommand implements Callable<Integer> {

    @Option(names = "--require-opencl", description = "Exit 1 when no OpenCL device can run kernels.")
    boolean requireOpenCl;

    @Override
    public Integer call() {
        Devices.Survey s = Devices.survey();
        System.out.print(Devices.report());
        if (s.openCl()) {
            DeviceInfo c = s.chosen().get();
            System.out.println("OpenCL: yes (a probe kernel ran on " + c.name() + "); fp64: " + (c.fp64() ? "yes" : "no"));
            return 0;
        }
        System.out.println("OpenCL: NO. Only the Java fallback is available; gpu checks will be reported as skipped.");
        return requireOpenCl ? 1 : 0;
    }
}
