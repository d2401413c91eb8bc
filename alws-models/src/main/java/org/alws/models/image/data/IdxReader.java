package org.alws.models.image.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.alws.api.DataException;

/**
 * Reads IDX files of unsigned bytes (the format of MNIST and Fashion-MNIST), gzipped or raw: a gzip file is
 * recognised by its magic bytes 0x1F 0x8B, whatever its name.
 *
 * <p>Everything the header declares is checked before the data array is allocated: the magic number (two zero bytes,
 * element type 0x08 for unsigned bytes, and the expected number of dimensions: 1 for labels, 3 for images), every
 * dimension &gt;= 1, their product within an array's reach, and, for a raw file, the file's length; a gzip file whose
 * compressed length cannot hold the declared data is refused too (deflate expands at most {@value #MAX_DEFLATE_RATIO}
 * to 1). A gzip file is then read into the allocated array, and a short or overlong content is reported. Every
 * problem is a one-line {@link DataException} naming the file and what was wrong.
 */
public final class IdxReader {
    /** The magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The IDX element type code of unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;
    /** The largest array Java reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The most a deflate stream expands its input: 1032 to 1. */
    static final long MAX_DEFLATE_RATIO = 1032;
    private static final int BUFFER = 1 << 16;

    private IdxReader() {
    }

    /** Reads a label file: magic 0x00000801, dimensions [n]. */
    public static IdxFile readLabels(Path file) {
        return read(file, 1);
    }

    /** Reads an image file: magic 0x00000803, dimensions [n, rows, columns]. */
    public static IdxFile readImages(Path file) {
        return read(file, 3);
    }

    /**
     * Reads an image file and its label file, which must hold as many items.
     *
     * @throws DataException naming the file at fault, or both files and both counts if they disagree
     */
    public static LabelledImages readLabelled(Path images, Path labels) {
        IdxFile labelFile = readLabels(labels);
        IdxFile imageFile = readImages(images);
        if (imageFile.count() != labelFile.count()) {
            throw new DataException(images + " holds " + imageFile.count() + " images but " + labels + " holds "
                    + labelFile.count() + " labels; expected as many labels as images");
        }
        int[] classes = new int[labelFile.count()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labelFile.unsigned(i);
        }
        int[] dims = imageFile.dimensions();
        return new LabelledImages(dims[0], dims[1], dims[2], imageFile.data(), classes);
    }

    /**
     * Reads an IDX file of unsigned bytes with {@code dimensions} dimensions (magic number 0x0000080d).
     *
     * @throws DataException naming the file and what was wrong with it
     */
    public static IdxFile read(Path file, int dimensions) {
        if (dimensions < 1 || dimensions > 255) {
            throw new IllegalArgumentException("an IDX file has 1 to 255 dimensions, got " + dimensions);
        }
        long fileLength;
        try {
            fileLength = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file does not exist");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file: " + e.getMessage(), e);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
            raw.reset();
            if (!gzip) {
                return readContent(file, raw, dimensions, fileLength, false);
            }
            InputStream in;
            try {
                in = new GZIPInputStream(raw, BUFFER);
            } catch (ZipException | EOFException e) {
                throw new DataException(file + ": starts like a gzip file but its gzip header is broken ("
                        + e.getMessage() + ")", e);
            }
            return readContent(file, in, dimensions, fileLength, true);
        } catch (ZipException e) {
            throw new DataException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    private static IdxFile readContent(Path file, InputStream in, int dimensions, long fileLength, boolean gzip)
            throws IOException {
        int headerLength = 4 + 4 * dimensions;
        byte[] header = new byte[headerLength];
        int got = readFully(in, header, 0, 4);
        if (got < 4) {
            throw new DataException(file + ": file ends after " + got + " of the 4 bytes of the IDX magic number");
        }
        int expectedMagic = (UNSIGNED_BYTE << 8) | dimensions;
        int magic = bigEndian(header, 0);
        if (magic != expectedMagic) {
            throw new DataException(file + ": " + magicProblem(magic, expectedMagic));
        }
        got = readFully(in, header, 4, headerLength - 4);
        if (got < headerLength - 4) {
            throw new DataException(file + ": file ends after " + (4 + got) + " of the " + headerLength
                    + " header bytes");
        }
        int[] dims = new int[dimensions];
        long total = 1;
        for (int d = 0; d < dimensions; d++) {
            dims[d] = bigEndian(header, 4 + 4 * d);
            if (dims[d] <= 0) {
                throw new DataException(file + ": dimension " + (d + 1) + " of " + dimensions + " is "
                        + Integer.toUnsignedString(dims[d]) + ", expected >= 1 (and < 2^31)");
            }
            total *= dims[d]; // below 2^31 · 2^31: cannot overflow
            if (total > MAX_ARRAY) {
                throw new DataException(file + ": dimensions " + describe(header, d + 1) + " declare more than "
                        + MAX_ARRAY + " data bytes, more than an array holds");
            }
        }
        int dataLength = (int) total;
        String unit = dimensions == 1 ? "label" : "pixel";
        if (!gzip) {
            long available = fileLength - headerLength;
            if (available < dataLength) {
                throw new DataException(file + ": file ends after " + available + " of " + dataLength + " " + unit
                        + " bytes (dimensions " + describe(header, dimensions) + ")");
            }
            if (available > dataLength) {
                throw new DataException(file + ": " + (available - dataLength) + " trailing bytes after the "
                        + dataLength + " " + unit + " bytes of dimensions " + describe(header, dimensions));
            }
        } else if (headerLength + (long) dataLength > fileLength * MAX_DEFLATE_RATIO) {
            throw new DataException(file + ": a gzip file of " + fileLength + " bytes cannot hold the " + dataLength
                    + " " + unit + " bytes of dimensions " + describe(header, dimensions)
                    + " (deflate expands at most " + MAX_DEFLATE_RATIO + ":1); the file is truncated");
        }
        byte[] data = new byte[dataLength];
        got = readFully(in, data, 0, dataLength);
        if (got < dataLength) {
            throw new DataException(file + ": file ends after " + got + " of " + dataLength + " " + unit
                    + " bytes (dimensions " + describe(header, dimensions) + ")");
        }
        long trailing = countRemaining(in);
        if (trailing > 0) {
            throw new DataException(file + ": " + trailing + " trailing bytes after the " + dataLength + " " + unit
                    + " bytes of dimensions " + describe(header, dimensions));
        }
        return new IdxFile(file, dims, data);
    }

    private static String magicProblem(int magic, int expected) {
        String found = String.format("magic number 0x%08X, expected 0x%08X", magic, expected);
        int expectedDims = expected & 0xFF;
        String kind = expectedDims == 1 ? "label file" : expectedDims == 3 ? "image file" : "file";
        if ((magic >>> 16) != 0) {
            return found + ": not an IDX " + kind;
        }
        int type = (magic >>> 8) & 0xFF;
        if (type != UNSIGNED_BYTE) {
            return found + String.format(": element type 0x%02X, expected 0x%02X (unsigned byte)", type,
                    UNSIGNED_BYTE);
        }
        int dims = magic & 0xFF;
        return found + ": " + dims + (dims == 1 ? " dimension" : " dimensions") + ", expected " + expectedDims
                + " (an IDX " + kind + ")";
    }

    /** The first {@code count} dimensions of a header as {@code a x b x c}. */
    private static String describe(byte[] header, int count) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < count; d++) {
            sb.append(d == 0 ? "" : "x").append(Integer.toUnsignedString(bigEndian(header, 4 + 4 * d)));
        }
        return sb.toString();
    }

    private static int bigEndian(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** Reads up to {@code length} bytes; returns how many were read before the end (or a cut-off gzip stream). */
    private static int readFully(InputStream in, byte[] into, int offset, int length) throws IOException {
        int done = 0;
        try {
            while (done < length) {
                int n = in.read(into, offset + done, length - done);
                if (n < 0) {
                    break;
                }
                done += n;
            }
        } catch (EOFException cutOff) {
            // A gzip stream that stops mid-block: the bytes decompressed so far are all there is.
        }
        return done;
    }

    private static long countRemaining(InputStream in) throws IOException {
        byte[] sink = new byte[BUFFER];
        long count = 0;
        try {
            for (int n; (n = in.read(sink)) >= 0; ) {
                count += n;
            }
        } catch (EOFException cutOff) {
            // Trailing data cut off mid-block: still trailing data.
        }
        return count;
    }
}
