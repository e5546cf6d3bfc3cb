package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * {@code inverse} schedule: {@code lr(n) = lr * (1 + gamma * n)^(-power)}, Caffe's
 * {@code lr_policy: "inv"} ({@code base_lr * (1 + gamma * iter) ^ (- power)}, caffe/src/caffe/
 * solvers/sgd_solver.cpp). {@code gamma >= 0} keeps the base positive.
 *
 * <p>Parameters: {@code lr}, {@code gamma}, {@code power} (all required).
 */
public final class Inverse extends Schedule {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "inverse";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        double lr = params.getDouble("lr");
        double gamma = params.getDouble("gamma");
        double power = params.getDouble("power");
        return n -> lr * Math.pow(1 + gamma * n, -power);
    }
}
