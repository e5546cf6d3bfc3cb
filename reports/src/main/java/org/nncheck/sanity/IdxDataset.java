package org.nncheck.sanity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A data set in the layout of MNIST and Fashion-MNIST: four IDX files in one folder,
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz} (Debian's
 * {@code dataset-fashion-mnist} installs the gzip ones under {@link #DEFAULT_DIR}).
 *
 * @param name the folder's name, e.g. {@code fashion-mnist}
 * @param train the training images
 * @param test the test images
 */
public record IdxDataset(String name, LabelledImages train, LabelledImages test) {

    /** Where Debian's {@code dataset-fashion-mnist} puts Fashion-MNIST. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * Reads the four files of {@code dir}.
     *
     * @param numClasses the number of classes, or {@code null} to take 1 + the largest label
     * @throws IdxFormatException for a missing, truncated or corrupt file, image and label counts
     *     that differ, or a label out of range
     */
    public static IdxDataset load(Path dir, Integer numClasses) throws IdxFormatException {
        if (!Files.isDirectory(dir)) {
            throw new IdxFormatException(dir + ": data folder not found (it must hold train-images-idx3-ubyte[.gz], "
                    + "train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz])");
        }
        LabelledImages train = pair(dir, "train", numClasses);
        LabelledImages test = pair(dir, "t10k", numClasses);
        if (train.features() != test.features()) {
            throw new IdxFormatException(dir + ": training images have " + train.features() + " values each, test images "
                    + test.features());
        }
        int classes = Math.max(train.classes(), test.classes());
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        return new IdxDataset(name, withClasses(train, classes), withClasses(test, classes));
    }

    private static LabelledImages withClasses(LabelledImages s, int classes) {
        return new LabelledImages(s.name(), s.features(), s.pixels(), s.labels(), classes);
    }

    private static Path find(Path dir, String base) throws IdxFormatException {
        for (String candidate : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(candidate);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IdxFormatException(dir.resolve(base) + "[.gz]: file not found");
    }

    private static LabelledImages pair(Path dir, String split, Integer numClasses) throws IdxFormatException {
        Path imagesFile = find(dir, split + "-images-idx3-ubyte");
        Path labelsFile = find(dir, split + "-labels-idx1-ubyte");
        IdxArray images = IdxReader.read(imagesFile);
        IdxArray labels = IdxReader.read(labelsFile);
        if (images.dims().length < 2) {
            throw new IdxFormatException(imagesFile + ": images must have at least 2 dimensions (count, values...), got "
                    + Arrays.toString(images.dims()));
        }
        if (labels.dims().length != 1) {
            throw new IdxFormatException(labelsFile + ": labels must have 1 dimension (count), got " + Arrays.toString(labels.dims()));
        }
        if (labels.items() != images.items()) {
            throw new IdxFormatException(labelsFile + ": " + labels.items() + " labels for " + images.items() + " images in "
                    + imagesFile);
        }
        int[] l = new int[labels.items()];
        int max = 0;
        for (int i = 0; i < l.length; i++) {
            l[i] = labels.get(i);
            max = Math.max(max, l[i]);
            if (numClasses != null && l[i] >= numClasses) {
                throw new IdxFormatException(labelsFile + ": label " + l[i] + " of item " + i + " is not in [0, " + numClasses
                        + ") (--num-classes " + numClasses + ")");
            }
        }
        int classes = numClasses != null ? numClasses : max + 1;
        if (classes < 2) {
            throw new IdxFormatException(labelsFile + ": every label is 0: at least 2 classes are needed");
        }
        return new LabelledImages(dir.getFileName() + "/" + split, images.itemSize(), images.data(), l, classes);
    }
}
