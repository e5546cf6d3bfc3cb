package org.nncheck.reference.optim;

/**
 * Alternative for {@code adam}: the bias corrections use {@code t + 1} instead of {@code t}
 * ({@code 1 - beta^(t+1)}), as when the step counter is incremented after the update or counted
 * from 1 twice. The first step is then about {@code lr * (1 - beta1) / (1 - beta1^2) /
 * sqrt((1 - beta2) / (1 - beta2^2))}, not lr.
 */
public final class AdamBiasCorrectionOffByOne extends Adam {

    @Override
    protected int biasCorrectionStep(int t) {
        return t + 1;
    }
}
