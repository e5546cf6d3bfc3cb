package org.nncheck.conformance;

import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A {@link Throwable} described for a report: its class and message, then every cause
 * ({@code caused by: ...}), then where the innermost one was thrown (a few stack frames), so
 * that a failure inside a user's library can be found without a debugger.
 * {@link InvocationTargetException} and other wrappers without a message are unwrapped.
 */
public final class Failures {
    /** Stack frames of the innermost cause shown. */
    static final int FRAMES = 4;

    private Failures() {
    }

    /** One paragraph: the chain of causes, then {@code at ...} lines of the innermost. */
    public static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable last = t;
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c instanceof InvocationTargetException && c.getCause() != null) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : "\n  caused by: ").append(c);
            last = c;
        }
        StackTraceElement[] st = last.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, st.length); i++) {
            sb.append("\n    at ").append(st[i]);
        }
        return sb.toString();
    }
}
