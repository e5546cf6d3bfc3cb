package org.nncheck.sanity;

/**
 * Images with class labels, as read from a pair of IDX files; pixels are unsigned bytes.
 *
 * @param name e.g. {@code fashion-mnist/train}
 * @param features values per image (rows x cols)
 * @param pixels {@code size() * features} unsigned bytes, image after image
 * @param labels one class index per image, in [0, classes)
 * @param classes number of classes
 */
public record LabelledImages(String name, int features, byte[] pixels, int[] labels, int classes) {

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** The unsigned pixel value of image {@code i}, feature {@code j}. */
    public int pixel(int i, int j) {
        return pixels[i * features + j] & 0xFF;
    }

    /** Images {@code [from, to)} as a new set (copies). */
    public LabelledImages slice(int from, int to, String sliceName) {
        byte[] p = java.util.Arrays.copyOfRange(pixels, from * features, to * features);
        int[] l = java.util.Arrays.copyOfRange(labels, from, to);
        return new LabelledImages(sliceName, features, p, l, classes);
    }
}
