package org.nncheck.reference.init;

import java.util.function.ToDoubleBiFunction;
import org.nncheck.core.Params;

/**
 * Documented alternatives and known mistakes of the initializers, as small initializers of
 * their own, for {@link org.nncheck.catalogue.Alternative}s: when a sample fails its
 * initializer's test but passes one of these, the verdict names it.
 */
public final class InitializerVariant {
    private InitializerVariant() {
    }

    /** {@code N(0, std(shape, params)^2)} under a descriptive id. */
    public static Initializer normal(String id, ToDoubleBiFunction<int[], Params> std) {
        return new NormalInitializer() {
            @Override
            public String id() {
                return id;
            }

            @Override
            protected double std(int[] shape, Params params) {
                return std.applyAsDouble(shape, params);
            }
        };
    }

    /** {@code N(mean(shape, params), std(shape, params)^2)} under a descriptive id. */
    public static Initializer normal(String id, ToDoubleBiFunction<int[], Params> mean, ToDoubleBiFunction<int[], Params> std) {
        return new NormalInitializer() {
            @Override
            public String id() {
                return id;
            }

            @Override
            protected double mean(int[] shape, Params params) {
                return mean.applyAsDouble(shape, params);
            }

            @Override
            protected double std(int[] shape, Params params) {
                return std.applyAsDouble(shape, params);
            }
        };
    }

    /** {@code U(-b, b)}, {@code b = bound(shape, params)}, under a descriptive id. */
    public static Initializer symmetricUniform(String id, ToDoubleBiFunction<int[], Params> bound) {
        return new UniformInitializer() {
            @Override
            public String id() {
                return id;
            }

            @Override
            protected double[] bounds(int[] shape, Params params) {
                double b = bound.applyAsDouble(shape, params);
                return new double[] {-b, b};
            }
        };
    }

    /** The lecture's {@code randn/sqrt(fan_in)} std (LeCun), on any entry with a fan_in. */
    static double lecunStd(String id, int[] shape, Params p) {
        return Math.sqrt(1.0 / Fans.fanIn(id, shape, p));
    }

    /** Glorot's std {@code sqrt(2/(fan_in+fan_out))} (gain 1). */
    static double xavierStd(String id, int[] shape, Params p) {
        return Math.sqrt(2.0 / ((double) Fans.fanIn(id, shape, p) + Fans.fanOut(id, shape, p)));
    }
}
