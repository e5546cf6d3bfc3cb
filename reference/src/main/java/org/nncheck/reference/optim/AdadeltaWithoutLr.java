package org.nncheck.reference.optim;

import org.nncheck.core.Params;

/**
 * Alternative for {@code adadelta}: Zeiler's original update {@code w -= u}, with no learning
 * rate at all (neither the parameter nor an {@code lr} tensor is applied). PyTorch and the SPEC
 * multiply {@code u} by {@code lr} (default 1.0, where both agree).
 */
public final class AdadeltaWithoutLr extends Adadelta {

    @Override
    protected UpdateRule newRule(Params params, int size) {
        UpdateRule rule = super.newRule(params, size);
        return (t, lr, g, w) -> rule.step(t, 1.0, g, w);
    }
}
