package org.nncheck.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nncheck list}: the catalogue's ids by SPEC section, each with its one-line formula (SPEC v1.1 section 3). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the catalogue's components by family (see also: describe ID).")
public final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int n = 0;
        for (Family f : Family.values()) {
            List<Entry> entries = Catalogue.entries(f);
            if (entries.isEmpty()) {
                continue;
            }
            out.println(f.title() + ":");
            int width = entries.stream().mapToInt(e -> e.id().length()).max().orElse(0);
            for (Entry e : entries) {
                out.println("  " + pad(e.id(), width) + "  " + e.summary());
                n++;
            }
        }
        out.println(n + " components; 'nncheck describe ID' shows tensors, parameters, kinks and alternative conventions");
        out.flush();
        return 0;
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
