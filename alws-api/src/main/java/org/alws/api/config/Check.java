package org.alws.api.config;

import java.util.Arrays;
import org.alws.api.ConfigException;

/**
 * Validation helpers for the compact constructors of options records. Each throws a {@link ConfigException} naming
 * the field, the value and the expectation.
 */
public final class Check {
    private Check() {
    }

    /** {@code value > 0} and finite. */
    public static double positive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new ConfigException(field, value, "a finite number > 0");
        }
        return value;
    }

    /** {@code value >= 0} and finite. */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new ConfigException(field, value, "a finite number >= 0");
        }
        return value;
    }

    /** A finite number. */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new ConfigException(field, value, "a finite number");
        }
        return value;
    }

    /** {@code lo <= value <= hi}. */
    public static double inRange(String field, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new ConfigException(field, value, "a number in [" + lo + ", " + hi + "]");
        }
        return value;
    }

    /** {@code lo < value < hi}. */
    public static double inOpenRange(String field, double value, double lo, double hi) {
        if (!(value > lo && value < hi)) {
            throw new ConfigException(field, value, "a number in (" + lo + ", " + hi + ")");
        }
        return value;
    }

    /** {@code value >= min}. */
    public static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new ConfigException(field, value, "an integer >= " + min);
        }
        return value;
    }

    /** {@code value >= min}. */
    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new ConfigException(field, value, "an integer >= " + min);
        }
        return value;
    }

    /** {@code min <= value <= max}. */
    public static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(field, value, "an integer in [" + min + ", " + max + "]");
        }
        return value;
    }

    /** A non-null, non-blank string. */
    public static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(field, value, "a non-empty string");
        }
        return value;
    }

    /** One of the allowed strings. */
    public static String oneOf(String field, String value, String... allowed) {
        if (value == null || !Arrays.asList(allowed).contains(value)) {
            throw new ConfigException(field, value, "one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** A non-null array whose elements are all finite, of the given length ({@code -1} for any). */
    public static double[] finiteVector(String field, double[] value, int length) {
        if (value == null || (length >= 0 && value.length != length)) {
            throw new ConfigException(field, value, length >= 0 ? "a list of " + length + " numbers"
                    : "a list of numbers");
        }
        for (double v : value) {
            if (!Double.isFinite(v)) {
                throw new ConfigException(field, value, "finite numbers");
            }
        }
        return value.clone();
    }
}
