package org.nncheck.sanity;

import java.util.Map;

/**
 * One training run of the sanity checks: plain minibatch SGD of an {@link Mlp}.
 *
 * @param name the run's name (the source of its training log)
 * @param hidden hidden layer sizes (input and class counts come from the data)
 * @param activation the non-linearity
 * @param init catalogue initializer id of the weights
 * @param initParams its parameters
 * @param outputStd when &gt; 0, the output layer is drawn from {@code normal} with this std instead
 *     (initial loss ln C; see {@link Mlp#create(int[], Mlp.Activation, String, Map, double, java.util.SplittableRandom)})
 * @param lr learning rate
 * @param lambda l2 strength ({@code lambda * sum w^2} on the weights)
 * @param batch minibatch size (the whole set when larger)
 * @param steps number of SGD steps
 * @param evalEvery evaluate training and validation accuracy every this many steps (and at the
 *     first and last step); 0 for never
 * @param evalLimit images of each set evaluated
 * @param seed seed of the initialization and of the minibatch order
 */
public record TrainSpec(String name, int[] hidden, Mlp.Activation activation, String init, Map<String, Object> initParams,
                        double outputStd, double lr, double lambda, int batch, int steps, int evalEvery, int evalLimit, long seed) {

    public TrainSpec {
        hidden = hidden.clone();
        initParams = Map.copyOf(initParams);
    }

    /** The same run with another name, learning rate and l2 strength. */
    public TrainSpec with(String newName, double newLr, double newLambda) {
        return new TrainSpec(newName, hidden, activation, init, initParams, outputStd, newLr, newLambda, batch, steps, evalEvery, evalLimit, seed);
    }

    /** The same run with another number of steps and evaluation interval. */
    public TrainSpec withSteps(int newSteps, int newEvalEvery) {
        return new TrainSpec(name, hidden, activation, init, initParams, outputStd, lr, lambda, batch, newSteps, newEvalEvery, evalLimit, seed);
    }

    /** The layer sizes for {@code features} inputs and {@code classes} classes. */
    public int[] sizes(int features, int classes) {
        int[] s = new int[hidden.length + 2];
        s[0] = features;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = classes;
        return s;
    }
}
