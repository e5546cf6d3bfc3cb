package org.nncheck.sanity;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (Y. LeCun, C. Cortes, C. Burges,
 * "THE MNIST DATABASE of handwritten digits", section "FILE FORMATS FOR THE MNIST DATABASE"):
 * a magic number of four bytes {@code 0x00 0x00 <type> <ndims>}, then {@code ndims} big-endian
 * 32-bit dimensions, then the values in row-major order. Only type {@code 0x08} (unsigned byte),
 * the type of every MNIST and Fashion-MNIST file, is read. The file may be plain or gzip
 * compressed (recognised by the gzip magic {@code 1f 8b}, RFC 1952, not by the name).
 *
 * <p>Every problem is an {@link IdxFormatException} naming the file and what is wrong: missing,
 * empty, a wrong magic number, a type other than unsigned byte, a zero or oversized dimension,
 * fewer data bytes than the dimensions announce (truncated), bytes after the data, or a corrupt
 * gzip stream.
 */
public final class IdxReader {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int TYPE_UBYTE = 0x08;
    private static final int MAX_DIMS = 8;

    private IdxReader() {
    }

    /** Reads one IDX file of unsigned bytes. */
    public static IdxArray read(Path file) throws IdxFormatException {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new IdxFormatException(name + ": file not found");
        }
        if (Files.isDirectory(file)) {
            throw new IdxFormatException(name + ": is a folder, not an IDX file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            if (b1 < 0) {
                throw new IdxFormatException(name + ": empty file (an IDX file starts with a 4-byte magic number)");
            }
            boolean gzip = b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
            try (InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw) {
                return parse(name + (gzip ? " (gzip)" : ""), name, in);
            }
        } catch (IdxFormatException e) {
            throw e;
        } catch (ZipException e) {
            throw new IdxFormatException(name + ": corrupt gzip stream (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new IdxFormatException(name + ": corrupt gzip stream (it ends early: the file is truncated)", e);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(name + ": file not found", e);
        } catch (IOException e) {
            throw new IdxFormatException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static IdxArray parse(String what, String name, InputStream in) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IdxFormatException(what + ": truncated: " + magic.length + " bytes, shorter than the 4-byte magic number");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(what + ": not an IDX file: wrong magic number " + hex(magic)
                    + " (an IDX file starts with 00 00, then the type 08 for unsigned bytes and the number of dimensions)");
        }
        int type = magic[2] & 0xFF;
        if (type != TYPE_UBYTE) {
            throw new IdxFormatException(what + ": IDX type 0x" + String.format("%02x", type)
                    + " is not supported; only 0x08 (unsigned byte), the type of MNIST and Fashion-MNIST, is read");
        }
        int ndims = magic[3] & 0xFF;
        if (ndims < 1 || ndims > MAX_DIMS) {
            throw new IdxFormatException(what + ": wrong magic number " + hex(magic) + ": " + ndims + " dimensions (1 to "
                    + MAX_DIMS + " expected)");
        }
        byte[] header = in.readNBytes(4 * ndims);
        if (header.length < 4 * ndims) {
            throw new IdxFormatException(what + ": truncated in the header: " + ndims + " dimensions announced, "
                    + header.length + " of their " + 4 * ndims + " bytes present");
        }
        int[] dims = new int[ndims];
        long size = 1;
        for (int i = 0; i < ndims; i++) {
            long d = ((header[4 * i] & 0xFFL) << 24) | ((header[4 * i + 1] & 0xFFL) << 16) | ((header[4 * i + 2] & 0xFFL) << 8)
                    | (header[4 * i + 3] & 0xFFL);
            if (d == 0 || d > Integer.MAX_VALUE) {
                throw new IdxFormatException(what + ": corrupt header: dimension " + i + " is " + d);
            }
            dims[i] = (int) d;
            size *= d;
            if (size > Integer.MAX_VALUE - 16) {
                throw new IdxFormatException(what + ": corrupt header: dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + " need more than 2^31 bytes");
            }
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new IdxFormatException(what + ": truncated: dimensions " + Arrays.toString(dims) + " need " + size
                    + " data bytes, found " + data.length);
        }
        if (in.read() >= 0) {
            throw new IdxFormatException(what + ": corrupt: bytes after the " + size + " data bytes that dimensions "
                    + Arrays.toString(dims) + " announce");
        }
        return new IdxArray(name, dims, data);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
