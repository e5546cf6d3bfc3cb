package org.nncheck.reference.init;

import org.nncheck.core.Params;

/** The {@code mode} of the He initializers: which fan sets the variance. */
enum HeMode {
    FAN_IN, FAN_OUT;

    static HeMode of(Params params) {
        return params.getChoice("mode").equals("fan_out") ? FAN_OUT : FAN_IN;
    }

    /** {@code (1 + a^2) * fan} for the mode's fan and {@code a = negative_slope}. */
    static double scaledFan(String component, int[] shape, Params params) {
        double a = params.getDouble("negative_slope");
        long fan = of(params) == FAN_IN ? Fans.fanIn(component, shape, params) : Fans.fanOut(component, shape, params);
        return (1 + a * a) * fan;
    }
}
