package org.alws.models.blowfly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alws.api.DataException;

/**
 * A series of counts read from a CSV file: lines starting with {@code #} and blank lines are skipped, the first other
 * line is the header, and every later line holds one time point, whose count is taken from the named column. A count
 * must be a finite number &gt; 0 (the blowfly model observes it through a log-normal); anything else is a one-line {@link DataException} naming the file, the line and the
 * value.
 */
public final class CountSeries {
    private CountSeries() {
    }

    /** The counts in the {@code column} of the CSV file {@code file}. */
    public static double[] read(Path file, String column) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), r, column);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file does not exist");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /** The counts in the {@code column} of the CSV resource {@code name} of {@code anchor}'s package. */
    public static double[] resource(Class<?> anchor, String name, String column) {
        String source = "resource " + name;
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new DataException(source + ": does not exist beside " + anchor.getName());
            }
            return parse(source, new InputStreamReader(in, StandardCharsets.UTF_8), column);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /**
     * The counts of a CSV text.
     *
     * @param source names the text in error messages
     * @throws DataException naming the source and the line of the first problem
     */
    public static double[] parse(String source, Reader text, String column) throws IOException {
        BufferedReader in = new BufferedReader(text);
        List<Double> counts = new ArrayList<>();
        int index = -1;
        int width = 0;
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(",", -1);
            if (index < 0) {
                index = headerIndex(source, lineNumber, fields, column);
                width = fields.length;
                continue;
            }
            if (fields.length != width) {
                throw new DataException(source + " line " + lineNumber + ": has " + fields.length + " fields, "
                        + "expected " + width + " as in the header");
            }
            String field = fields[index].strip();
            double count;
            try {
                count = Double.parseDouble(field);
            } catch (NumberFormatException e) {
                throw new DataException(source + " line " + lineNumber + ": count '" + field + "' in column '"
                        + column + "' is not a number");
            }
            if (!Double.isFinite(count) || count <= 0) {
                String what = count < 0 ? "negative" : count == 0 ? "zero" : "not finite";
                throw new DataException(source + " line " + lineNumber + ": count " + field + " in column '" + column
                        + "' is " + what + "; expected a finite number > 0 (a log-normal observation needs positive "
                        + "counts)");
            }
            counts.add(count);
        }
        if (index < 0) {
            throw new DataException(source + ": has no header line; expected a CSV header naming column '" + column
                    + "'");
        }
        if (counts.isEmpty()) {
            throw new DataException(source + ": has a header but no counts");
        }
        double[] out = new double[counts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    private static int headerIndex(String source, int lineNumber, String[] fields, String column) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].strip().equals(column)) {
                return i;
            }
        }
        throw new DataException(source + " line " + lineNumber + ": the header has no column '" + column + "'; its "
                + "columns are " + String.join(", ", fields));
    }
}
