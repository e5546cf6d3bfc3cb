package org.nncheck.cases;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nncheck.core.Tensor;

/**
 * NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0, as specified in NumPy's
 * {@code numpy/lib/format.py}, "NEP 1"): the magic {@code \x93NUMPY}, a major and minor version
 * byte, the header length (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), a Python dict
 * literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}, then the raw
 * data. Read here: float16/32/64, int32/64 and bool ({@code |b1}), either byte order, C or
 * Fortran order (SPEC v1.1, section 2). Written: float64 or int64, little-endian, C order.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z?])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int CHUNK = 1 << 23;

    private Npy() {
    }

    /** A problem with a {@code .npy} file (the caller adds where the case refers to it). */
    public static final class NpyException extends Exception {
        private static final long serialVersionUID = 1L;

        NpyException(String message) {
            super(message);
        }
    }

    /** Reads a {@code .npy} file into a tensor (C order); integer and bool files give integer tensors. */
    public static Tensor read(Path file) throws IOException, NpyException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre);
            pre.flip();
            if (pre.remaining() < 10) {
                throw new NpyException("not a .npy file: too short");
            }
            for (byte b : MAGIC) {
                if (pre.get() != b) {
                    throw new NpyException("not a .npy file: the magic \\x93NUMPY is missing");
                }
            }
            int major = pre.get() & 0xff;
            pre.get(); // minor
            long headerLen;
            long dataStart;
            if (major == 1) {
                headerLen = pre.getShort() & 0xffff;
                dataStart = 10 + headerLen;
            } else if (major == 2 || major == 3) {
                if (pre.remaining() < 4) {
                    throw new NpyException("not a .npy file: too short");
                }
                headerLen = pre.getInt() & 0xffffffffL;
                dataStart = 12 + headerLen;
            } else {
                throw new NpyException(".npy format version " + major + " is not supported (1.0, 2.0, 3.0)");
            }
            if (headerLen > 1 << 20 || dataStart > ch.size()) {
                throw new NpyException("truncated .npy header");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            ch.position(dataStart - headerLen);
            readFully(ch, hb);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Header h = parseHeader(header);
            long n = elementCount(h.shape);
            long bytes = n * h.itemSize;
            long have = ch.size() - dataStart;
            if (have != bytes) {
                throw new NpyException("shape " + Arrays.toString(h.shape) + " of " + h.descr + " needs " + bytes + " data bytes, the file has "
                        + have);
            }
            double[] d = new double[(int) n];
            ch.position(dataStart);
            readData(ch, h, d);
            if (h.fortran && h.shape.length > 1) {
                d = fortranToC(d, h.shape);
            }
            return h.integral ? Tensor.integralOf(h.shape, d) : Tensor.wrap(h.shape, d);
        }
    }

    private record Header(String descr, ByteOrder order, char kind, int itemSize, boolean fortran, int[] shape, boolean integral) {
    }

    private static Header parseHeader(String header) throws NpyException {
        Matcher m = DESCR.matcher(header);
        if (!m.find()) {
            throw new NpyException("the .npy header has no simple 'descr' (structured dtypes are not tensors): " + header.strip());
        }
        String descr = m.group(1) + m.group(2) + m.group(3);
        char kind = m.group(2).charAt(0);
        int size = Integer.parseInt(m.group(3));
        ByteOrder order = switch (m.group(1)) {
            case "<" -> ByteOrder.LITTLE_ENDIAN;
            case ">" -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
        boolean ok = (kind == 'f' && (size == 2 || size == 4 || size == 8)) || (kind == 'i' && (size == 4 || size == 8))
                || ((kind == 'b' || kind == '?') && size == 1);
        if (!ok) {
            throw new NpyException("unsupported .npy dtype '" + descr + "' (float16/32/64, int32/64, bool)");
        }
        Matcher f = FORTRAN.matcher(header);
        if (!f.find()) {
            throw new NpyException("the .npy header has no 'fortran_order'");
        }
        Matcher s = SHAPE.matcher(header);
        if (!s.find()) {
            throw new NpyException("the .npy header has no 'shape'");
        }
        String[] parts = s.group(1).split(",");
        int[] shape = new int[0];
        int k = 0;
        for (String part : parts) {
            String p = part.strip().replace("L", "");
            if (p.isEmpty()) {
                continue;
            }
            long v;
            try {
                v = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new NpyException("bad .npy shape (" + s.group(1) + ")");
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new NpyException("bad .npy shape dimension " + p);
            }
            shape = Arrays.copyOf(shape, k + 1);
            shape[k++] = (int) v;
        }
        return new Header(descr, order, kind, size, f.group(1).equals("True"), shape, kind != 'f');
    }

    /** Element count of a shape, refusing more than a Java array holds. */
    static long elementCount(int[] shape) throws NpyException {
        long n = 1;
        for (int s : shape) {
            n = Math.multiplyHigh(n, s) != 0 ? Long.MAX_VALUE : n * s;
            if (n > Integer.MAX_VALUE - 8) {
                throw new NpyException("shape " + Arrays.toString(shape) + " has more than 2^31 - 9 elements");
            }
        }
        return n;
    }

    private static void readData(FileChannel ch, Header h, double[] d) throws IOException, NpyException {
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(h.order);
        int per = CHUNK / h.itemSize;
        int done = 0;
        while (done < d.length) {
            int count = Math.min(per, d.length - done);
            buf.clear().limit(count * h.itemSize);
            readFully(ch, buf);
            buf.flip();
            switch (h.kind) {
                case 'f' -> {
                    if (h.itemSize == 8) {
                        buf.asDoubleBuffer().get(d, done, count);
                    } else if (h.itemSize == 4) {
                        for (int i = 0; i < count; i++) {
                            d[done + i] = buf.getFloat();
                        }
                    } else {
                        for (int i = 0; i < count; i++) {
                            d[done + i] = halfToDouble(buf.getShort());
                        }
                    }
                }
                case 'i' -> {
                    for (int i = 0; i < count; i++) {
                        long v = h.itemSize == 8 ? buf.getLong() : buf.getInt();
                        if (Math.abs(v) > (1L << 53)) {
                            throw new NpyException("int64 value " + v + " at flat index " + (done + i) + " is beyond 2^53 and has no exact double");
                        }
                        d[done + i] = v;
                    }
                }
                default -> {
                    for (int i = 0; i < count; i++) {
                        d[done + i] = buf.get() != 0 ? 1 : 0;
                    }
                }
            }
            done += count;
        }
    }

    /** IEEE 754 binary16 to double (subnormals, infinities and NaN included). */
    static double halfToDouble(short bits) {
        int sign = (bits >> 15) & 1;
        int exp = (bits >> 10) & 0x1f;
        int frac = bits & 0x3ff;
        double v;
        if (exp == 0) {
            v = frac * 0x1p-24;
        } else if (exp == 31) {
            v = frac == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = (1 + frac / 1024.0) * Math.scalb(1.0, exp - 15);
        }
        return sign == 1 ? -v : v;
    }

    private static double[] fortranToC(double[] f, int[] shape) {
        double[] c = new double[f.length];
        int r = shape.length;
        int[] idx = new int[r];
        long[] fStride = new long[r];
        long s = 1;
        for (int k = 0; k < r; k++) {
            fStride[k] = s;
            s *= shape[k];
        }
        for (int i = 0; i < c.length; i++) {
            long off = 0;
            for (int k = 0; k < r; k++) {
                off += idx[k] * fStride[k];
            }
            c[i] = f[(int) off];
            for (int k = r - 1; k >= 0; k--) { // next C-order index
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return c;
    }

    private static void readFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                break;
            }
        }
    }

    /** Writes a tensor as a version 1.0 {@code .npy} file: {@code <i8} for integer tensors, else {@code <f8}; C order. */
    public static void write(Path file, Tensor t) throws IOException {
        int[] shape = t.shape();
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        sh.append(')');
        String dict = "{'descr': '" + (t.isIntegral() ? "<i8" : "<f8") + "', 'fortran_order': False, 'shape': " + sh + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64; // NumPy aligns the data to 64 bytes
        String header = dict + " ".repeat(pad) + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer pre = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
            pre.flip();
            while (pre.hasRemaining()) {
                ch.write(pre);
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            int n = t.size();
            int i = 0;
            while (i < n) {
                buf.clear();
                while (i < n && buf.remaining() >= 8) {
                    if (t.isIntegral()) {
                        buf.putLong((long) t.get(i++));
                    } else {
                        buf.putDouble(t.get(i++));
                    }
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }
    }
}
