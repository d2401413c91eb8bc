package org.alws.cli.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.alws.core.run.AtomicFiles;

/**
 * Writes CSV files: a header line and one line per row, {@code \n} line ends, fields quoted only when they hold a
 * comma, a quote or a line end. The file is replaced atomically, so readers never see half of it.
 */
public final class Csv {
    private Csv() {
    }

    /**
     * Writes {@code header} and {@code rows} to {@code file}, creating its parent directories.
     *
     * @throws IllegalArgumentException if a row's length differs from the header's
     * @throws org.alws.api.StorageException naming the file if it cannot be written
     */
    public static void write(Path file, List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("CSV row has " + row.size() + " fields; the header has "
                        + header.size());
            }
            line(sb, row);
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(fields.get(i)));
        }
        sb.append('\n');
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0
                && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
