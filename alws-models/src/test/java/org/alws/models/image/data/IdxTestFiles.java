package org.alws.models.image.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes synthetic IDX files for the tests: any magic number, dimensions and data, gzipped or raw. */
final class IdxTestFiles {
    private IdxTestFiles() {
    }

    /** The bytes of an IDX file: magic, dimensions (big-endian) and data. */
    static byte[] idx(int magic, int[] dimensions, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        b.putInt(magic);
        for (int d : dimensions) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    /** The gzip compression of {@code bytes}. */
    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image file's data: image i has pixel p equal to (7i + 3p) mod 256, so every image differs. */
    static byte[] pixels(int count, int rows, int columns) {
        byte[] data = new byte[count * rows * columns];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * columns; p++) {
                data[i * rows * columns + p] = (byte) ((7 * i + 3 * p) % 256);
            }
        }
        return data;
    }

    /** Labels i mod 10. */
    static byte[] labels(int count) {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) (i % 10);
        }
        return data;
    }

    /**
     * Writes the four files of the MNIST layout into {@code directory}: {@code trainCount} and {@code testCount}
     * images of rows × columns from {@link #pixels} (test image i is image 1000 + i of that formula) and labels
     * from {@link #labels}, gzipped or not.
     */
    static void writeDataSet(Path directory, int trainCount, int testCount, int rows, int columns, boolean gzip) {
        String suffix = gzip ? ".gz" : "";
        byte[][] contents = {
            idx(IdxReader.IMAGES_MAGIC, new int[] {trainCount, rows, columns}, pixels(trainCount, rows, columns)),
            idx(IdxReader.LABELS_MAGIC, new int[] {trainCount}, labels(trainCount)),
            idx(IdxReader.IMAGES_MAGIC, new int[] {testCount, rows, columns}, testPixels(testCount, rows, columns)),
            idx(IdxReader.LABELS_MAGIC, new int[] {testCount}, labels(testCount)),
        };
        String[] names = {ImageDataSets.TRAIN_IMAGES, ImageDataSets.TRAIN_LABELS, ImageDataSets.TEST_IMAGES,
            ImageDataSets.TEST_LABELS};
        for (int i = 0; i < names.length; i++) {
            write(directory.resolve(names[i] + suffix), gzip ? gzip(contents[i]) : contents[i]);
        }
    }

    /** The test images of {@link #writeDataSet}. */
    static byte[] testPixels(int count, int rows, int columns) {
        byte[] shifted = pixels(count + 1000, rows, columns);
        byte[] out = new byte[count * rows * columns];
        System.arraycopy(shifted, 1000 * rows * columns, out, 0, out.length);
        return out;
    }
}
