package org.alws.models.image.data;

import java.nio.file.Path;

/**
 * One parsed IDX file of unsigned bytes: where it came from, its dimensions (the first counts the items: images or
 * labels) and its data in row-major order. The arrays are not copied: do not modify them.
 *
 * @param file the file read
 * @param dimensions the dimensions of the header, each &gt;= 1
 * @param data the unsigned bytes after the header, as many as the product of the dimensions
 */
public record IdxFile(Path file, int[] dimensions, byte[] data) {

    /** The number of items: the first dimension. */
    public int count() {
        return dimensions[0];
    }

    /** The data byte at {@code index} as an unsigned value 0..255. */
    public int unsigned(int index) {
        return data[index] & 0xFF;
    }
}
