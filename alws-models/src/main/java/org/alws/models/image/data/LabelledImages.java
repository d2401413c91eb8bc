package org.alws.models.image.data;

/**
 * Images and their labels as read from a pair of IDX files, before any scaling: {@code count} images of
 * {@code rows × columns} unsigned 8-bit pixels, row-major, one image after another. The arrays are not copied: do not
 * modify them.
 *
 * @param count the number of images (and labels)
 * @param rows the height of an image
 * @param columns the width of an image
 * @param pixels the count·rows·columns pixels, 0 (background) to 255, as signed bytes
 * @param labels the class label of every image, 0..255
 */
public record LabelledImages(int count, int rows, int columns, byte[] pixels, int[] labels) {

    /** Checks that the arrays have the declared sizes. */
    public LabelledImages {
        if (pixels.length != (long) count * rows * columns || labels.length != count) {
            throw new IllegalArgumentException(count + " images of " + rows + "x" + columns + " need "
                    + (long) count * rows * columns + " pixels and " + count + " labels, got " + pixels.length
                    + " and " + labels.length);
        }
    }

    /** The pixel count of one image. */
    public int imageSize() {
        return rows * columns;
    }

    /** The images at {@code indices}, in that order, with their labels. */
    public LabelledImages select(int[] indices) {
        int size = imageSize();
        byte[] chosen = new byte[indices.length * size];
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, chosen, i * size, size);
            chosenLabels[i] = labels[indices[i]];
        }
        return new LabelledImages(indices.length, rows, columns, chosen, chosenLabels);
    }

    /** Pixel {@code index} of the whole array as an unsigned value 0..255. */
    public int pixel(int index) {
        return pixels[index] & 0xFF;
    }
}
