package org.nncheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.nncheck.cases.CaseResult;
import org.nncheck.cases.TensorReport;

/** Machine-readable forms of verify results: JSON, JUnit XML, Allure results. */
final class CaseReports {
    private CaseReports() {
    }

    static String json(List<CaseResult> results, long passed, long failed, long malformed) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"passed\": ").append(passed).append(", \"failed\": ").append(failed).append(", \"malformed\": ")
                .append(malformed).append(", \"cases\": [");
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            sb.append(i == 0 ? "\n  " : ",\n  ");
            sb.append("{\"id\": ").append(str(r.id())).append(", \"component\": ").append(str(r.component()))
                    .append(", \"file\": ").append(str(r.file().toString())).append(", \"line\": ").append(r.line())
                    .append(", \"status\": ").append(str(r.status().name().toLowerCase(Locale.ROOT)));
            if (r.message() != null) {
                sb.append(", \"message\": ").append(str(r.message()));
            }
            sb.append(", \"tensors\": [");
            for (int j = 0; j < r.tensors().size(); j++) {
                TensorReport t = r.tensors().get(j);
                sb.append(j == 0 ? "" : ", ").append("{\"name\": ").append(str(t.name())).append(", \"passed\": ").append(t.passed());
                if (t.shapeMismatch() != null) {
                    sb.append(", \"shape_mismatch\": ").append(str(t.shapeMismatch()));
                } else {
                    sb.append(", \"max_abs_error\": ").append(num(t.maxAbsError())).append(", \"max_rel_error\": ")
                            .append(num(t.maxRelError())).append(", \"worst_index\": ").append(java.util.Arrays.toString(t.worstIndex()))
                            .append(", \"case_value\": ").append(num(t.caseValue())).append(", \"reference_value\": ")
                            .append(num(t.referenceValue())).append(", \"out_of_tolerance\": ").append(t.outOfTolerance())
                            .append(", \"size\": ").append(t.size()).append(", \"rtol\": ").append(num(t.tolerance().rtol()))
                            .append(", \"atol\": ").append(num(t.tolerance().atol())).append(", \"atol_scaled\": ").append(t.tolerance().scaled())
                            .append(", \"tolerance_used\": ").append(num(t.toleranceUsed()));
                }
                sb.append("}");
            }
            sb.append("], \"alternatives\": [");
            for (int j = 0; j < r.alternatives().size(); j++) {
                sb.append(j == 0 ? "" : ", ").append(str(r.alternatives().get(j)));
            }
            sb.append("]}");
        }
        sb.append("\n]}");
        return sb.toString();
    }

    static void writeJunit(Path dir, List<CaseResult> results) throws IOException {
        Files.createDirectories(dir);
        long failures = results.stream().filter(r -> r.status() == CaseResult.Status.FAIL).count();
        long errors = results.stream().filter(r -> r.status() == CaseResult.Status.MALFORMED).count();
        double time = results.stream().mapToLong(CaseResult::nanos).sum() / 1e9;
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<testsuite name=\"nncheck verify\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\" time=\"%.3f\">%n",
                results.size(), failures, errors, time));
        for (CaseResult r : results) {
            sb.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.4f\">", xml(r.component() == null ? "unknown" : r.component()),
                    xml(r.id()), r.nanos() / 1e9));
            if (r.status() == CaseResult.Status.FAIL) {
                String msg = r.worstTensor() == null ? "failed" : r.worstTensor().describe();
                sb.append("\n    <failure message=\"").append(xml(msg)).append("\">").append(xml(details(r))).append("</failure>\n  ");
            } else if (r.status() == CaseResult.Status.MALFORMED) {
                sb.append("\n    <error message=\"").append(xml(r.message())).append("\"/>\n  ");
            }
            sb.append("</testcase>\n");
        }
        sb.append("</testsuite>\n");
        Files.writeString(dir.resolve("junit.xml"), sb.toString(), StandardCharsets.UTF_8);
    }

    static void writeAllure(Path dir, List<CaseResult> results) throws IOException {
        Files.createDirectories(dir);
        long now = System.currentTimeMillis();
        for (CaseResult r : results) {
            String uuid = UUID.nameUUIDFromBytes((r.file() + ":" + r.line() + ":" + r.id()).getBytes(StandardCharsets.UTF_8)).toString();
            String status = switch (r.status()) {
                case PASS -> "passed";
                case FAIL -> "failed";
                case MALFORMED -> "broken";
            };
            String message = r.status() == CaseResult.Status.MALFORMED ? r.message()
                    : r.status() == CaseResult.Status.FAIL ? details(r) : "";
            String body = "{\"uuid\": " + str(uuid) + ", \"historyId\": " + str(r.id()) + ", \"name\": " + str(r.id())
                    + ", \"fullName\": " + str((r.component() == null ? "unknown" : r.component()) + "." + r.id())
                    + ", \"status\": " + str(status) + ", \"statusDetails\": {\"message\": " + str(message) + "}"
                    + ", \"stage\": \"finished\", \"start\": " + now + ", \"stop\": " + (now + r.nanos() / 1_000_000)
                    + ", \"labels\": [{\"name\": \"suite\", \"value\": \"nncheck verify\"}, {\"name\": \"feature\", \"value\": "
                    + str(r.component() == null ? "unknown" : r.component()) + "}]}";
            Files.writeString(dir.resolve(uuid + "-result.json"), body, StandardCharsets.UTF_8);
        }
    }

    private static String details(CaseResult r) {
        StringBuilder sb = new StringBuilder();
        for (TensorReport t : r.tensors()) {
            sb.append(t.passed() ? "ok   " : "FAIL ").append(t.describe()).append('\n');
        }
        for (String a : r.alternatives()) {
            sb.append("would match under: ").append(a).append('\n');
        }
        return sb.toString();
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : str(Double.toString(v));
    }

    /** Escapes for XML 1.0 text and attributes; characters XML 1.0 forbids are written as {@code \\uXXXX}. */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || Character.isSurrogate(c);
                    if (allowed) {
                        sb.append(c);
                    } else {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    }
                }
            }
        }
        return sb.toString();
    }
}
