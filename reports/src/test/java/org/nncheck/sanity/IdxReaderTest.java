package org.nncheck.sanity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on hand-made files: valid plain and gzip files, and every kind of damage. */
class IdxReaderTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes with these dimensions and values 0, 1, 2, ... (mod 256). */
    static byte[] idx(int... dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + size);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; i < size; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(plain);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private String error(Path p) {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsPlainAndGzipAlike() throws IOException {
        byte[] plain = idx(3, 2, 2);
        IdxArray a = IdxReader.read(write("a-idx3-ubyte", plain));
        IdxArray b = IdxReader.read(write("b-idx3-ubyte.gz", gzip(plain)));
        assertArrayEquals(new int[] {3, 2, 2}, a.dims());
        assertEquals(3, a.items());
        assertEquals(4, a.itemSize());
        assertArrayEquals(a.data(), b.data());
        assertEquals(11, a.get(11));
        byte[] bright = idx(200);
        assertEquals(199, IdxReader.read(write("c", bright)).get(199), "unsigned bytes");
    }

    @Test
    void missingFile() {
        assertTrue(error(dir.resolve("nope.gz")).contains("file not found"));
    }

    @Test
    void emptyFile() throws IOException {
        assertTrue(error(write("empty", new byte[0])).contains("empty file"));
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] b = idx(2, 2);
        b[0] = 0x50;
        assertTrue(error(write("png", b)).contains("wrong magic number 50 00 08 02"));
        byte[] noDims = idx(2, 2);
        noDims[3] = 0;
        assertTrue(error(write("nodims", noDims)).contains("0 dimensions"));
    }

    @Test
    void unsupportedType() throws IOException {
        byte[] b = idx(2, 2);
        b[2] = 0x0D; // float
        assertTrue(error(write("float", b)).contains("type 0x0d is not supported"));
    }

    @Test
    void truncatedData() throws IOException {
        byte[] b = idx(10, 5);
        String m = error(write("short", Arrays.copyOf(b, b.length - 7)));
        assertTrue(m.contains("truncated") && m.contains("need 50 data bytes, found 43"), m);
        String g = error(write("short.gz", gzip(Arrays.copyOf(b, b.length - 7))));
        assertTrue(g.contains("(gzip)") && g.contains("found 43"), g);
    }

    @Test
    void truncatedHeader() throws IOException {
        String m = error(write("header", Arrays.copyOf(idx(10, 5), 9)));
        assertTrue(m.contains("truncated in the header"), m);
        assertTrue(error(write("magic", new byte[] {0, 0})).contains("shorter than the 4-byte magic"));
    }

    @Test
    void bytesAfterTheData() throws IOException {
        byte[] b = Arrays.copyOf(idx(4), 4 + 4 + 4 + 3);
        assertTrue(error(write("long", b)).contains("bytes after the 4 data bytes"));
    }

    @Test
    void zeroDimension() throws IOException {
        assertTrue(error(write("zero", idx(0, 3))).contains("dimension 0 is 0"));
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] g = gzip(idx(100, 10));
        byte[] cut = Arrays.copyOf(g, g.length / 2);
        assertTrue(error(write("cut.gz", cut)).contains("corrupt gzip stream"));
        byte[] garbled = g.clone();
        for (int i = 12; i < garbled.length - 8; i++) {
            garbled[i] = (byte) 0xFF;
        }
        assertTrue(error(write("garbled.gz", garbled)).contains("corrupt gzip stream"));
    }

    @Test
    void dataSetChecksCountsAndLabels() throws IOException {
        Path d = Files.createDirectories(dir.resolve("tiny"));
        Files.write(d.resolve("train-images-idx3-ubyte.gz"), gzip(idx(6, 2, 2)));
        Files.write(d.resolve("train-labels-idx1-ubyte"), idx(6));
        Files.write(d.resolve("t10k-images-idx3-ubyte"), idx(2, 2, 2));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), idx(2));
        IdxDataset ds = IdxDataset.load(d, null);
        assertEquals("tiny", ds.name());
        assertEquals(6, ds.train().size());
        assertEquals(4, ds.train().features());
        assertEquals(6, ds.train().classes(), "labels 0..5: 1 + the largest label");
        IdxFormatException range = assertThrows(IdxFormatException.class, () -> IdxDataset.load(d, 3));
        assertTrue(range.getMessage().contains("label 3 of item 3 is not in [0, 3)"), range.getMessage());
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), idx(3));
        IdxFormatException count = assertThrows(IdxFormatException.class, () -> IdxDataset.load(d, null));
        assertTrue(count.getMessage().contains("3 labels for 2 images"), count.getMessage());
        Files.delete(d.resolve("t10k-labels-idx1-ubyte"));
        IdxFormatException missing = assertThrows(IdxFormatException.class, () -> IdxDataset.load(d, null));
        assertTrue(missing.getMessage().contains("t10k-labels-idx1-ubyte[.gz]: file not found"), missing.getMessage());
        assertThrows(IdxFormatException.class, () -> IdxDataset.load(dir.resolve("absent"), null));
    }
}
