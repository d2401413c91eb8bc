package org.alws.api.tensor;

/** Element type of a tensor. Floating types carry parameters and data; integer types carry indices and categories. */
public enum DType {
    FLOAT32("float32"),
    FLOAT64("float64"),
    INT32("int32"),
    INT64("int64"),
    BOOL("bool");

    private final String label;

    DType(String label) {
        this.label = label;
    }

    /** True for {@link #FLOAT32} and {@link #FLOAT64}. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The lower-case name used in configuration files and provenance, e.g. {@code float32}. */
    public String label() {
        return label;
    }

    /**
     * Parses a label such as {@code float64}.
     *
     * @throws IllegalArgumentException naming the value and the accepted labels
     */
    public static DType parse(String label) {
        for (DType t : values()) {
            if (t.label.equalsIgnoreCase(label) || t.name().equalsIgnoreCase(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + label + "'; expected one of float32, float64, int32, int64, bool");
    }

    @Override
    public String toString() {
        return label;
    }
}
