package org.nncheck.gpu;

/**
 * A kernel did not run on an OpenCL device: Aparapi fell back to its Java thread pool (no ICD,
 * a kernel it could not translate, double precision on a device without cl_khr_fp64). Such a
 * run is never reported as an OpenCL result.
 */
public final class OpenClFallbackException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String kernel;
    private final boolean deviceExists;

    public OpenClFallbackException(String kernel, boolean deviceExists, String message) {
        super(message);
        this.kernel = kernel;
        this.deviceExists = deviceExists;
    }

    /** The kernel class that fell back. */
    public String kernel() {
        return kernel;
    }

    /**
     * Whether an OpenCL device existed: true means a kernel could not run on a device that is
     * there (a translation failure: a bug to fix), false means there is no device at all.
     */
    public boolean deviceExists() {
        return deviceExists;
    }
}
