package org.nncheck.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nncheck describe ID}: one catalogue entry (SPEC v1.1 section 3): its formula, input
 * tensors, outputs and gradients, parameters with defaults and ranges, kinks, and the
 * alternative conventions {@code verify} names when a case fails. An unknown id suggests the
 * nearest ones (edit distance).
 */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe one component: tensors, parameters, kinks, alternative conventions.")
public final class DescribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Catalogue id (as in 'nncheck list').")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Entry> found = Catalogue.find(id);
        if (found.isEmpty()) {
            List<String> near = nearest(id, 3);
            err.println("nncheck describe: unknown component '" + VerifyCommand.clean(id) + "'"
                    + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near)) + " ('nncheck list' shows all)");
            return 2;
        }
        for (Entry e : found) {
            describe(out, e);
        }
        out.flush();
        return 0;
    }

    private static void describe(PrintWriter out, Entry e) {
        out.println(e.id() + " (" + e.family().title() + ")");
        out.println("  " + e.summary());
        out.println("inputs:");
        for (TensorSpec t : e.inputs()) {
            List<String> notes = new ArrayList<>();
            notes.add(t.integral() ? "integers" : "real");
            if (t.optional()) {
                notes.add("optional");
            }
            if (t.differentiable()) {
                notes.add("gradient " + t.gradientName());
            }
            out.println("  " + t.name() + "  (" + String.join(", ", notes) + ")");
        }
        out.println("outputs: " + String.join(", ", e.outputs()));
        if (!e.upstreamNames().isEmpty()) {
            out.println("upstream gradients (inputs of a backward case): " + String.join(", ", e.upstreamNames()));
        }
        out.println("parameters:" + (e.params().isEmpty() ? " none" : ""));
        for (ParamSpec p : e.params()) {
            String def = p.required() ? "required" : p.optionalWithoutDefault() ? "optional, no default" : "default " + p.defaultValue();
            out.println("  " + p.name() + "  " + p.type().jsonName() + ", " + def + ", " + p.rangeText() + (p.doc().isEmpty() ? "" : "  " + p.doc()));
        }
        out.println("kinks: " + kinks(e));
        out.println("alternative conventions named by verify:" + (e.alternatives().isEmpty() ? " none" : ""));
        for (Alternative a : e.alternatives()) {
            out.println("  " + a.name() + "  " + a.explanation());
        }
        for (var s : e.skips().entrySet()) {
            out.println("not checked by " + s.getKey().toString().toLowerCase(Locale.ROOT) + ": " + s.getValue());
        }
    }

    /** Where the component is not differentiable, as its catalogue entry declares it. */
    private static String kinks(Entry e) {
        return e.kinks().describe();
    }

    /** The catalogue ids closest to {@code id} by edit distance (at most {@code k}; only reasonably close ones). */
    static List<String> nearest(String id, int k) {
        String q = id.toLowerCase(Locale.ROOT).replace('-', '_');
        List<String> ids = new ArrayList<>(Catalogue.entries().stream().map(Entry::id).distinct().toList());
        Comparator<String> byDistance = Comparator.comparingInt((String s) -> Params.editDistance(q, s)).thenComparing(s -> s);
        ids.sort(byDistance);
        int limit = Math.max(2, q.length() / 2);
        return ids.stream().filter(s -> Params.editDistance(q, s) <= limit || s.contains(q) || (q.length() >= 3 && q.contains(s))).limit(k).toList();
    }
}
