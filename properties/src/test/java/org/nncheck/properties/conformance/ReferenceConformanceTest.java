package org.nncheck.properties.conformance;

import org.nncheck.conformance.AbstractConformanceTest;
import org.nncheck.conformance.Implementation;

/** The conformance TCK run on the reference itself, as a user would run it: every check passes. */
class ReferenceConformanceTest extends AbstractConformanceTest {
    @Override
    protected Implementation implementation() {
        return Implementation.reference();
    }
}
