package org.alws.api;

/** A configuration value of the wrong type or out of range: names the field, the value and what was expected. */
public class ConfigException extends AlwsException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /** {@code field: got value, expected expectation}. */
    public ConfigException(String field, Object value, String expected) {
        super(field + ": got " + format(value) + ", expected " + expected);
        this.field = field;
    }

    /** A free-form message about {@code field}. */
    public ConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    private ConfigException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The offending field, as named in configuration files. */
    public String field() {
        return field;
    }

    /** This exception with {@code context} (e.g. {@code learner alws}) put in front: {@code learner alws: field: ...}. */
    public ConfigException in(String context) {
        return new ConfigException(field, context + ": " + getMessage(), this);
    }

    static String format(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof double[] d) {
            return java.util.Arrays.toString(d);
        }
        if (value instanceof int[] i) {
            return java.util.Arrays.toString(i);
        }
        if (value instanceof long[] l) {
            return java.util.Arrays.toString(l);
        }
        return String.valueOf(value);
    }
}
