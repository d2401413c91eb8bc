package org.alws.models.image.data;

import static org.alws.models.image.data.IdxTestFiles.gzip;
import static org.alws.models.image.data.IdxTestFiles.idx;
import static org.alws.models.image.data.IdxTestFiles.labels;
import static org.alws.models.image.data.IdxTestFiles.pixels;
import static org.alws.models.image.data.IdxTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alws.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX reader: exact round trips of raw and gzipped files (recognised by content, not name), and the exact
 * one-line message of every kind of corrupt file.
 */
class IdxReaderTest {
    private static final int[] DIMS = {3, 4, 5};

    @TempDir
    Path dir;

    @Test
    void rawAndGzippedFilesRoundTripExactlyWhateverTheirNames() {
        byte[] data = pixels(50, 28, 28);
        byte[] file = idx(IdxReader.IMAGES_MAGIC, new int[] {50, 28, 28}, data);
        Path[] paths = {
            write(dir.resolve("raw-idx3-ubyte"), file),
            write(dir.resolve("gz-idx3-ubyte.gz"), gzip(file)),
            write(dir.resolve("gzipped-but-named-raw"), gzip(file)),
            write(dir.resolve("raw-but-named.gz"), file),
        };
        for (Path p : paths) {
            IdxFile read = IdxReader.readImages(p);
            assertThat(read.file()).isEqualTo(p);
            assertThat(read.dimensions()).as(p.toString()).containsExactly(50, 28, 28);
            assertThat(read.count()).isEqualTo(50);
            assertThat(read.data()).as(p.toString()).isEqualTo(data);
        }
        byte[] labelData = labels(1234);
        Path labelsGz = write(dir.resolve("labels.gz"),
                gzip(idx(IdxReader.LABELS_MAGIC, new int[] {1234}, labelData)));
        IdxFile read = IdxReader.readLabels(labelsGz);
        assertThat(read.dimensions()).containsExactly(1234);
        assertThat(read.data()).isEqualTo(labelData);
        assertThat(read.unsigned(9)).isEqualTo(9);
    }

    @Test
    void pixelValuesAbove127AreReadUnsigned() {
        byte[] data = {0, 1, 127, (byte) 128, (byte) 200, (byte) 255};
        Path p = write(dir.resolve("images"), idx(IdxReader.IMAGES_MAGIC, new int[] {1, 2, 3}, data));
        Path l = write(dir.resolve("labels"), idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {(byte) 250}));
        LabelledImages images = IdxReader.readLabelled(p, l);
        assertThat(images.count()).isEqualTo(1);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.columns()).isEqualTo(3);
        int[] values = new int[6];
        for (int i = 0; i < 6; i++) {
            values[i] = images.pixel(i);
        }
        assertThat(values).containsExactly(0, 1, 127, 128, 200, 255);
        assertThat(images.labels()).containsExactly(250);
    }

    @Test
    void aWrongMagicNumberNamesTheFileTheNumberFoundAndTheNumberExpected() {
        Path notIdx = write(dir.resolve("a"), idx(0x12345678, DIMS, new byte[60]));
        assertThatThrownBy(() -> IdxReader.readImages(notIdx)).isInstanceOf(DataException.class)
                .hasMessage(notIdx + ": magic number 0x12345678, expected 0x00000803: not an IDX image file");
        Path floats = write(dir.resolve("b.gz"), gzip(idx(0x00000D03, DIMS, new byte[240])));
        assertThatThrownBy(() -> IdxReader.readImages(floats)).isInstanceOf(DataException.class)
                .hasMessage(floats + ": magic number 0x00000D03, expected 0x00000803: element type 0x0D, expected "
                        + "0x08 (unsigned byte)");
    }

    @Test
    void aWrongDimensionCountIsAWrongMagicNumberThatSaysSo() {
        Path labelFile = write(dir.resolve("labels"), idx(IdxReader.LABELS_MAGIC, new int[] {60}, new byte[60]));
        assertThatThrownBy(() -> IdxReader.readImages(labelFile)).isInstanceOf(DataException.class)
                .hasMessage(labelFile + ": magic number 0x00000801, expected 0x00000803: 1 dimension, expected 3 "
                        + "(an IDX image file)");
        Path imageFile = write(dir.resolve("images"), idx(IdxReader.IMAGES_MAGIC, DIMS, new byte[60]));
        assertThatThrownBy(() -> IdxReader.readLabels(imageFile)).isInstanceOf(DataException.class)
                .hasMessage(imageFile + ": magic number 0x00000803, expected 0x00000801: 3 dimensions, expected 1 "
                        + "(an IDX label file)");
    }

    @Test
    void aTruncatedHeaderSaysHowFarItGot() {
        Path twoBytes = write(dir.resolve("two"), new byte[] {0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(twoBytes)).isInstanceOf(DataException.class)
                .hasMessage(twoBytes + ": file ends after 2 of the 4 bytes of the IDX magic number");
        Path oneDimension = write(dir.resolve("one.gz"), gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {3}, new byte[0])));
        assertThatThrownBy(() -> IdxReader.readImages(oneDimension)).isInstanceOf(DataException.class)
                .hasMessage(oneDimension + ": file ends after 8 of the 16 header bytes");
    }

    @Test
    void dimensionsMustBePositiveAndFitAnArray() {
        Path zero = write(dir.resolve("zero"), idx(IdxReader.IMAGES_MAGIC, new int[] {5, 0, 28}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.readImages(zero)).isInstanceOf(DataException.class)
                .hasMessage(zero + ": dimension 2 of 3 is 0, expected >= 1 (and < 2^31)");
        Path huge = write(dir.resolve("huge"), idx(IdxReader.IMAGES_MAGIC, new int[] {-1, 28, 28}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.readImages(huge)).isInstanceOf(DataException.class)
                .hasMessage(huge + ": dimension 1 of 3 is 4294967295, expected >= 1 (and < 2^31)");
        Path product = write(dir.resolve("product"),
                idx(IdxReader.IMAGES_MAGIC, new int[] {100_000, 100_000, 28}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.readImages(product)).isInstanceOf(DataException.class)
                .hasMessage(product + ": dimensions 100000x100000 declare more than 2147483639 data bytes, more "
                        + "than an array holds");
    }

    @Test
    void aShortFileSaysHowManyDataBytesItHolds() {
        byte[] file = idx(IdxReader.IMAGES_MAGIC, DIMS, new byte[50]);
        Path raw = write(dir.resolve("raw"), file);
        assertThatThrownBy(() -> IdxReader.readImages(raw)).isInstanceOf(DataException.class)
                .hasMessage(raw + ": file ends after 50 of 60 pixel bytes (dimensions 3x4x5)");
        Path gz = write(dir.resolve("gz"), gzip(file));
        assertThatThrownBy(() -> IdxReader.readImages(gz)).isInstanceOf(DataException.class)
                .hasMessage(gz + ": file ends after 50 of 60 pixel bytes (dimensions 3x4x5)");
        Path labels = write(dir.resolve("labels.gz"), gzip(idx(IdxReader.LABELS_MAGIC, new int[] {10}, new byte[9])));
        assertThatThrownBy(() -> IdxReader.readLabels(labels)).isInstanceOf(DataException.class)
                .hasMessage(labels + ": file ends after 9 of 10 label bytes (dimensions 10)");
    }

    @Test
    void aGzipStreamCutOffMidwayIsReportedAsTruncated() throws Exception {
        byte[] data = new byte[3 * 100 * 100];
        new Random(5).nextBytes(data); // incompressible: the cut falls inside the data
        byte[] gz = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {3, 100, 100}, data));
        Path cut = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(cut)).isInstanceOf(DataException.class)
                .satisfies(e -> {
                    Matcher m = Pattern.compile(Pattern.quote(cut.toString())
                            + ": file ends after (\\d+) of 30000 pixel bytes \\(dimensions 3x100x100\\)")
                            .matcher(e.getMessage());
                    assertThat(m.matches()).as(e.getMessage()).isTrue();
                    assertThat(Integer.parseInt(m.group(1))).isBetween(1, 29_999);
                });
        // A gzip file far too small for what its header declares is refused before the array is allocated.
        Path tiny = write(dir.resolve("tiny.gz"),
                gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {60_000, 28, 28}, new byte[10])));
        long size = Files.size(tiny);
        assertThatThrownBy(() -> IdxReader.readImages(tiny)).isInstanceOf(DataException.class)
                .hasMessage(tiny + ": a gzip file of " + size + " bytes cannot hold the 47040000 pixel bytes of "
                        + "dimensions 60000x28x28 (deflate expands at most 1032:1); the file is truncated");
    }

    @Test
    void trailingBytesAreCounted() {
        byte[] file = idx(IdxReader.IMAGES_MAGIC, DIMS, new byte[63]);
        Path raw = write(dir.resolve("raw"), file);
        assertThatThrownBy(() -> IdxReader.readImages(raw)).isInstanceOf(DataException.class)
                .hasMessage(raw + ": 3 trailing bytes after the 60 pixel bytes of dimensions 3x4x5");
        Path gz = write(dir.resolve("gz"), gzip(file));
        assertThatThrownBy(() -> IdxReader.readImages(gz)).isInstanceOf(DataException.class)
                .hasMessage(gz + ": 3 trailing bytes after the 60 pixel bytes of dimensions 3x4x5");
    }

    @Test
    void brokenGzipDataAndMissingFilesAreDataErrors() {
        byte[] gz = gzip(idx(IdxReader.IMAGES_MAGIC, DIMS, new byte[60]));
        gz[gz.length - 8] ^= 0x55; // the CRC-32 of the trailer
        Path badCrc = write(dir.resolve("crc.gz"), gz);
        assertThatThrownBy(() -> IdxReader.readImages(badCrc)).isInstanceOf(DataException.class)
                .hasMessage(badCrc + ": corrupt gzip data (Corrupt GZIP trailer)");
        Path badHeader = write(dir.resolve("header.gz"), new byte[] {0x1F, (byte) 0x8B, 1, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(badHeader)).isInstanceOf(DataException.class)
                .hasMessage(badHeader + ": starts like a gzip file but its gzip header is broken (Unsupported "
                        + "compression method)");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> IdxReader.readImages(missing)).isInstanceOf(DataException.class)
                .hasMessage(missing + ": file does not exist");
    }

    @Test
    void imagesAndLabelsMustAgreeOnTheCount() {
        Path images = write(dir.resolve("images.gz"),
                gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {3, 2, 2}, pixels(3, 2, 2))));
        Path labels = write(dir.resolve("labels.gz"), gzip(idx(IdxReader.LABELS_MAGIC, new int[] {4}, labels(4))));
        assertThatThrownBy(() -> IdxReader.readLabelled(images, labels)).isInstanceOf(DataException.class)
                .hasMessage(images + " holds 3 images but " + labels + " holds 4 labels; expected as many labels as "
                        + "images");
    }
}
