package org.nncheck.conformance;

import java.util.HashMap;
import java.util.Map;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/**
 * {@value #NAME}: leaving out a required input (one the reference itself refuses to go
 * without) gives a {@link ContractException} whose message names it.
 */
final class MissingInputThrowsContractException extends Rule {
    static final String NAME = "required_missing_input_throws_contract_exception";

    MissingInputThrowsContractException() {
        super(NAME);
    }

    @Override
    CheckResult check(Subject s) {
        Component c = s.resolve().component();
        Sample x = s.resolve().samples().stream().filter(v -> v.size() == 1).findFirst().orElse(s.resolve().samples().get(0));
        Component ref = s.entry.newReference();
        int tried = 0;
        for (TensorSpec t : s.entry.inputs()) {
            if (t.optional() || !x.inputs().containsKey(t.name())) {
                continue;
            }
            Map<String, Tensor> in = new HashMap<>(x.inputs());
            in.remove(t.name());
            try {
                ref.forward(new HashMap<>(in), x.params());
                continue; // the reference itself does without it in this mode: not a requirement here
            } catch (ContractException expected) {
                // the reference refuses: so must the implementation
            }
            tried++;
            try {
                c.forward(in, x.params());
                return CheckResult.fail(s.key, NAME, "forward without '" + t.name() + "' returned normally (" + x.where() + ")");
            } catch (ContractException ex) {
                if (ex.getMessage() == null || !ex.getMessage().contains(t.name())) {
                    return CheckResult.fail(s.key, NAME, "ContractException without '" + t.name() + "' does not name it: "
                            + ex.getMessage());
                }
            } catch (RuntimeException ex) {
                return CheckResult.fail(s.key, NAME, "forward without '" + t.name() + "' threw "
                        + Failures.describe(ex) + "\ninstead of a ContractException naming it");
            }
        }
        if (tried == 0) {
            return CheckResult.skip(s.key, NAME, "no required input the reference refuses to go without");
        }
        return CheckResult.pass(s.key, NAME, tried + " required input(s) left out, each refused by name");
    }
}
