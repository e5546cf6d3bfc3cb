package org.nncheck.sanity;

/**
 * The content of one IDX file of unsigned bytes (type code 0x08): its dimensions and its data in
 * row-major order, as LeCun's MNIST page describes the format.
 *
 * @param file where it was read from (for messages)
 * @param dims the dimensions (the first is the number of items)
 * @param data the values, unsigned bytes stored in Java bytes (read with {@code & 0xFF})
 */
public record IdxArray(String file, int[] dims, byte[] data) {

    /** Number of items (the first dimension). */
    public int items() {
        return dims[0];
    }

    /** Values per item (the product of the other dimensions; 1 for a vector). */
    public int itemSize() {
        int s = 1;
        for (int i = 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    /** The unsigned value at a flat index. */
    public int get(int flatIndex) {
        return data[flatIndex] & 0xFF;
    }
}
