package org.alws.cli.text;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table of text printed with its columns aligned: left-aligned text, right-aligned numbers (as chosen per column),
 * two spaces between columns, no trailing blanks. A header row is optional.
 */
public final class Table {
    /** How a column's cells are aligned. */
    public enum Align {
        /** Text: padded on the right. */
        LEFT,
        /** Numbers: padded on the left. */
        RIGHT
    }

    private final Align[] aligns;
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    private Table(Align[] aligns, String[] header) {
        this.aligns = aligns;
        this.header = header;
    }

    /** A table with a header row; every column left-aligned until {@link #align} says otherwise. */
    public static Table withHeader(String... header) {
        Align[] aligns = new Align[header.length];
        Arrays.fill(aligns, Align.LEFT);
        return new Table(aligns, header.clone());
    }

    /** A table of {@code columns} columns without a header row, every column left-aligned. */
    public static Table plain(int columns) {
        Align[] aligns = new Align[columns];
        Arrays.fill(aligns, Align.LEFT);
        return new Table(aligns, null);
    }

    /** Sets the alignment of the given columns (0-based); returns this table. */
    public Table align(Align align, int... columns) {
        for (int c : columns) {
            aligns[c] = Objects.requireNonNull(align, "align");
        }
        return this;
    }

    /**
     * Adds a row; missing trailing cells are empty.
     *
     * @throws IllegalArgumentException if the row has more cells than the table has columns
     */
    public Table row(String... cells) {
        if (cells.length > aligns.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells; the table has " + aligns.length
                    + " columns");
        }
        String[] full = new String[aligns.length];
        for (int i = 0; i < full.length; i++) {
            full[i] = i < cells.length && cells[i] != null ? cells[i] : "";
        }
        rows.add(full);
        return this;
    }

    /** The number of rows, not counting the header. */
    public int size() {
        return rows.size();
    }

    /** Prints the table, each line starting with {@code indent}. */
    public void print(PrintWriter out, String indent) {
        for (String line : lines()) {
            out.println(indent + line);
        }
    }

    /** The table's lines, without line ends. */
    public List<String> lines() {
        int[] width = new int[aligns.length];
        List<String[]> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(aligns[i] == Align.RIGHT ? pad + r[i] : r[i] + pad);
            }
            out.add(stripTrailing(line));
        }
        return out;
    }

    private static String stripTrailing(CharSequence s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.subSequence(0, end).toString();
    }
}
