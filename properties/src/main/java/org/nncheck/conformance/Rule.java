package org.nncheck.conformance;

import org.nncheck.catalogue.Entry;

/**
 * One rule of the conformance kit, named after the SPEC clause it checks in the style of the
 * reactive-streams TCK ({@code required_...}: every implementation; {@code optional_...}: only
 * where the implementation provides the feature). A rule runs on one {@link Subject} whose
 * component has been found; {@link CheckRunner} guards it.
 */
interface Rule {
    /** The check's name, e.g. {@code required_forward_matches_reference}. */
    String name();

    /** Whether the rule applies to the entry at all (a backward rule needs a differentiable entry). */
    boolean appliesTo(Entry e);

    /** Runs the rule. Anything thrown is a failure of this rule on this entry. */
    CheckResult check(Subject s) throws Exception;
}
