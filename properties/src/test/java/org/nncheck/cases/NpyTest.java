package org.nncheck.cases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nncheck.core.Tensor;

/**
 * {@code .npy} tensors (SPEC v1.1): files built byte by byte as NumPy's format.py specifies them
 * (magic, version, header length, dict, data), so every dtype, byte order and memory order is
 * checked against values written independently of {@link Npy#write}.
 */
class NpyTest {

    /** A .npy file: version 1.0 header for {@code descr}, {@code fortran} and {@code shape}, then {@code data}. */
    static byte[] npy(String descr, boolean fortran, String shape, byte[] data, int major) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int pre = major == 1 ? 10 : 12;
        String header = dict + " ".repeat((64 - (pre + dict.length() + 1) % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(pre + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    private static Tensor read(Path dir, byte[] file) throws Exception {
        Files.write(dir.resolve("t.npy"), file);
        return Npy.read(dir.resolve("t.npy"));
    }

    @Test
    void everyDtypeAndByteOrder(@TempDir Path dir) throws Exception {
        ByteBuffer f8 = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN).putDouble(1.5).putDouble(-2).putDouble(Double.NaN);
        Tensor t = read(dir, npy(">f8", false, "(3,)", f8.array(), 1));
        assertEquals(1.5, t.get(0));
        assertEquals(-2, t.get(1));
        assertTrue(Double.isNaN(t.get(2)));
        ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.1f).putFloat(3f);
        assertArrayEquals(new double[] {(double) 0.1f, 3}, read(dir, npy("<f4", false, "(2,)", f4.array(), 2)).toArray());
        // float16: 0x3C00 = 1, 0xC000 = -2, 0x0001 = 2^-24 (smallest subnormal), 0x7C00 = +inf (IEEE 754 binary16)
        ByteBuffer f2 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3C00).putShort((short) 0xC000)
                .putShort((short) 0x0001).putShort((short) 0x7C00);
        assertArrayEquals(new double[] {1, -2, 0x1p-24, Double.POSITIVE_INFINITY}, read(dir, npy("<f2", false, "(4,)", f2.array(), 3)).toArray());
        ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putLong(7).putLong(-3);
        Tensor ints = read(dir, npy(">i8", false, "(2,)", i8.array(), 1));
        assertTrue(ints.isIntegral());
        assertArrayEquals(new double[] {7, -3}, ints.toArray());
        ByteBuffer i4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(5).putInt(-1);
        assertArrayEquals(new double[] {5, -1}, read(dir, npy("<i4", false, "(2,)", i4.array(), 1)).toArray());
        Tensor bools = read(dir, npy("|b1", false, "(3,)", new byte[] {1, 0, 1}, 1));
        assertArrayEquals(new double[] {1, 0, 1}, bools.toArray());
        Tensor scalar = read(dir, npy("<f8", false, "()", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(4).array(), 1));
        assertEquals(0, scalar.rank());
    }

    @Test
    void fortranOrderIsTransposedToRowMajor(@TempDir Path dir) throws Exception {
        // the 2x3 matrix [[1, 2, 3], [4, 5, 6]] in column-major order is 1 4 2 5 3 6
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : new double[] {1, 4, 2, 5, 3, 6}) {
            b.putDouble(v);
        }
        Tensor t = read(dir, npy("<f8", true, "(2, 3)", b.array(), 1));
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toArray());
    }

    @Test
    void badFilesAreNamed(@TempDir Path dir) throws Exception {
        var short1 = org.junit.jupiter.api.Assertions.assertThrows(Npy.NpyException.class,
                () -> read(dir, npy("<f8", false, "(3,)", new byte[16], 1)));
        assertTrue(short1.getMessage().contains("needs 24 data bytes"), short1.getMessage());
        var dtype = org.junit.jupiter.api.Assertions.assertThrows(Npy.NpyException.class,
                () -> read(dir, npy("<c16", false, "(1,)", new byte[16], 1)));
        assertTrue(dtype.getMessage().contains("unsupported .npy dtype '<c16'"), dtype.getMessage());
        var magic = org.junit.jupiter.api.Assertions.assertThrows(Npy.NpyException.class, () -> read(dir, "not numpy at all".getBytes()));
        assertTrue(magic.getMessage().contains("magic"), magic.getMessage());
        var huge = org.junit.jupiter.api.Assertions.assertThrows(Npy.NpyException.class,
                () -> read(dir, npy("<f8", false, "(65536, 65536, 65536, 65536)", new byte[0], 1)));
        assertTrue(huge.getMessage().contains("more than 2^31 - 9"), huge.getMessage());
    }

    @Test
    void writeThenReadRoundTrips(@TempDir Path dir) throws Exception {
        Tensor t = Tensor.of(new int[] {2, 2}, new double[] {1.25, Double.NEGATIVE_INFINITY, -0.0, 1e-300});
        Npy.write(dir.resolve("w.npy"), t);
        Tensor back = Npy.read(dir.resolve("w.npy"));
        assertArrayEquals(t.toArray(), back.toArray());
        assertEquals(0, Files.size(dir.resolve("w.npy")) % 64 == 0 ? 0 : (Files.size(dir.resolve("w.npy")) - 32) % 64);
    }

    @Test
    void aCaseRefersToNpyFilesInsideItsFolderOnly(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("cases/data"));
        Npy.write(dir.resolve("cases/data/x.npy"), Tensor.vector(1, -1));
        Npy.write(dir.resolve("outside.npy"), Tensor.vector(1, -1));
        Path ok = dir.resolve("cases/ok.json");
        Files.writeString(ok, "{\"component\": \"relu\", \"inputs\": {\"x\": {\"npy\": \"data/x.npy\"}}, \"expected\": {\"y\": [1, 0]}}");
        var c = assertInstanceOf(CaseReader.Parsed.Ok.class, CaseReader.read(ok).get(0)).value();
        assertEquals(CaseResult.Status.PASS, new CaseVerifier().verify(c).status());
        Path up = dir.resolve("cases/up.json");
        Files.writeString(up, "{\"component\": \"relu\", \"inputs\": {\"x\": {\"npy\": \"../outside.npy\"}}, \"expected\": {}}");
        var m = assertInstanceOf(CaseReader.Parsed.Malformed.class, CaseReader.read(up).get(0));
        assertTrue(m.message().contains("$.inputs.x.npy") && m.message().contains("leaves the case file's folder"), m.message());
        Files.createSymbolicLink(dir.resolve("cases/data/link.npy"), dir.resolve("outside.npy"));
        Path link = dir.resolve("cases/link.json");
        Files.writeString(link, "{\"component\": \"relu\", \"inputs\": {\"x\": {\"npy\": \"data/link.npy\"}}, \"expected\": {}}");
        var ml = assertInstanceOf(CaseReader.Parsed.Malformed.class, CaseReader.read(link).get(0));
        assertTrue(ml.message().contains("symbolic link"), ml.message());
        Path abs = dir.resolve("cases/abs.json");
        Files.writeString(abs, "{\"component\": \"relu\", \"inputs\": {\"x\": {\"npy\": \"" + dir.resolve("outside.npy") + "\"}}, \"expected\": {}}");
        assertTrue(assertInstanceOf(CaseReader.Parsed.Malformed.class, CaseReader.read(abs).get(0)).message().contains("relative"));
        Path missing = dir.resolve("cases/missing.json");
        Files.writeString(missing, "{\"component\": \"relu\", \"inputs\": {\"x\": {\"npy\": \"nope.npy\"}}, \"expected\": {}}");
        assertTrue(assertInstanceOf(CaseReader.Parsed.Malformed.class, CaseReader.read(missing).get(0)).message().contains("no such .npy file"));
    }
}
