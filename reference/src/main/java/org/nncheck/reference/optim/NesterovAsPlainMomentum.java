package org.nncheck.reference.optim;

/**
 * Alternative (a mistake) for {@code nesterov}: the look-ahead is missing, so the optimizer
 * takes plain heavy-ball momentum steps ({@code w -= lr * v}, or {@code w += v} in the cs231n
 * form) with the nesterov parameters.
 */
public final class NesterovAsPlainMomentum extends Nesterov {

    @Override
    protected boolean lookahead() {
        return false;
    }
}
