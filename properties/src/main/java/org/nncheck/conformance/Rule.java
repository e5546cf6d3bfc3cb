package org.nncheck.conformance;

import org.nncheck.catalogue.Entry;

/**
 * One rule of the conformance kit, named after the SPEC clause it checks in the style of the
 * reactive-streams TCK ({@code required_...}: every implementation; {@code optional_...}: only
 * where the implementation provides the feature). A rule runs on one {@link Subject} whose
 * component has been found; {@link CheckRunner} guards it.
 */
abstract class Rule {
    private final String name;

    Rule(String name) {
        this.name = name;
    }

    /** The check's name, e.g. {@code required_forward_matches_reference}. */
    final String name() {
        return name;
    }

    /** Whether the rule applies to the entry at all (every entry unless a rule says otherwise). */
    boolean appliesTo(Entry e) {
        return true;
    }

    /** Runs the rule. Anything thrown is a failure of this rule on this entry. */
    abstract CheckResult check(Subject s) throws Exception;
}
