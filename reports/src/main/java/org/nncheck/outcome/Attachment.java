package org.nncheck.outcome;

import java.nio.charset.StandardCharsets;

/**
 * A file shown with an outcome: a table as text, a plot as PNG.
 *
 * @param name what a person sees, e.g. {@code per-tensor table}
 * @param mimeType {@code text/plain}, {@code image/png}
 * @param extension file extension without the dot
 * @param content the bytes
 */
public record Attachment(String name, String mimeType, String extension, byte[] content) {

    public static Attachment text(String name, String text) {
        return new Attachment(name, "text/plain", "txt", text.getBytes(StandardCharsets.UTF_8));
    }

    public static Attachment png(String name, byte[] png) {
        return new Attachment(name, "image/png", "png", png);
    }
}
