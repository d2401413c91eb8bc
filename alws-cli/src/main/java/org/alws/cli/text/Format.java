package org.alws.cli.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number and duration formatting for people: a few significant digits, no locale-dependent separators. */
public final class Format {
    private Format() {
    }

    /**
     * {@code value} to {@code digits} significant digits: plain notation for magnitudes in [1e-4, 1e7), scientific
     * otherwise, trailing zeros dropped; {@code NaN}, {@code Infinity} and {@code -Infinity} as Java writes them.
     */
    public static String number(double value, int digits) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            String plain = rounded.stripTrailingZeros().toPlainString();
            return plain.equals("-0") ? "0" : plain;
        }
        String sci = String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
        int e = sci.indexOf('e');
        String mantissa = sci.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        int exponent = Integer.parseInt(sci.substring(e + 1));
        return mantissa + "e" + exponent;
    }

    /** {@code value} to 6 significant digits; see {@link #number(double, int)}. */
    public static String number(double value) {
        return number(value, 6);
    }

    /** A percentage with one decimal and an explicit sign: {@code +2.5%}, {@code -0.3%}. */
    public static String signedPercent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return Double.toString(fraction);
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }

    /** A duration: {@code 0.42 s}, {@code 9.6 s}, {@code 2 min 05 s}, {@code 1 h 02 min}. */
    public static String seconds(double s) {
        if (!Double.isFinite(s) || s < 0) {
            return "?";
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, (whole % 3600) / 60);
    }

    /** Milliseconds with three significant digits, for benchmark tables: {@code 12.3}, {@code 0.456}. */
    public static String millis(double seconds) {
        return number(seconds * 1e3, 3);
    }
}
