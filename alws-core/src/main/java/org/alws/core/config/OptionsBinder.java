package org.alws.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.alws.api.ConfigException;
import org.alws.api.config.Doc;
import org.alws.api.plugin.Provider;

/**
 * Binds user options onto a plugin's options record: starts from the provider's
 * {@link Provider#defaultOptions() defaults}, overlays the user's values by record component name, converts them to
 * the component types and calls the canonical constructor, which validates.
 *
 * <p>Values may come from JSON (numbers, booleans, strings, lists) or from {@code key=value} command-line arguments
 * (see {@link #parseAssignments}), whose values are strings: {@code "2000"}, {@code "1e-3"}, {@code "true"},
 * {@code "[1, 0.5]"} or {@code "1,0.5"} convert to the component's type. Supported component types: {@code int},
 * {@code long}, {@code double}, {@code float}, {@code boolean} (and their boxes), {@code String}, enums (matched
 * ignoring case, {@code -} standing for {@code _}), {@code double[]}, {@code int[]}, {@code long[]} and
 * {@code List} of any of the scalar types. A key may be written in kebab case ({@code sleep-samples} for
 * {@code sleepSamples}).
 *
 * <p>Every error is a one-line {@link ConfigException} prefixed with the plugin ({@code learner alws: ...}).
 */
public final class OptionsBinder {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private OptionsBinder() {
    }

    /**
     * The provider's options with {@code values} overlaid on its defaults; errors name the plugin as
     * {@code <kind> <name>}, e.g. {@code learner alws}.
     *
     * @throws ConfigException for an unknown key, a value of the wrong type, or a value the record rejects
     */
    public static <O extends Record> O bind(Provider<O> provider, Map<String, ?> values) {
        return bind(provider.kind().label() + " " + provider.name(), provider.defaultOptions(), values);
    }

    /**
     * {@code defaults} with {@code values} overlaid; {@code context} starts every error message.
     *
     * @throws ConfigException for an unknown key, a value of the wrong type, or a value the record rejects
     */
    public static <O extends Record> O bind(String context, O defaults, Map<String, ?> values) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(values, "values");
        @SuppressWarnings("unchecked")
        Class<O> type = (Class<O>) defaults.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        String[] givenAs = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = read(components[i], defaults);
        }
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "option key");
            int i = indexOf(components, key);
            if (i < 0) {
                String known = Arrays.stream(components).map(RecordComponent::getName)
                        .collect(Collectors.joining(", "));
                throw new ConfigException(key, context + ": unknown option '" + key + "'; known options: "
                        + (known.isEmpty() ? "none" : known));
            }
            String name = components[i].getName();
            if (givenAs[i] != null) {
                throw new ConfigException(name, context + ": option '" + name + "' is given twice (as '"
                        + givenAs[i] + "' and '" + key + "')");
            }
            givenAs[i] = key;
            args[i] = convert(context, name, e.getValue(), components[i].getGenericType());
        }
        return construct(context, type, components, args);
    }

    /**
     * Parses {@code key=value} command-line arguments into a map, in order; values stay strings for
     * {@link #bind} to convert.
     *
     * @throws ConfigException for an argument without {@code =} or a key given twice
     */
    public static Map<String, Object> parseAssignments(Collection<String> assignments) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a == null ? -1 : a.indexOf('=');
            if (eq <= 0 || a.substring(0, eq).isBlank()) {
                throw new ConfigException("option", a, "key=value");
            }
            String key = a.substring(0, eq).trim();
            if (out.put(key, a.substring(eq + 1).trim()) != null) {
                throw new ConfigException(key, "option '" + key + "' is given twice");
            }
        }
        return out;
    }

    /**
     * The record's components by name, in declaration order, as plain JSON-friendly values: arrays become lists,
     * enums their lower-case labels ({@code MEDIAN_HEURISTIC} becomes {@code median-heuristic}), nested records
     * maps. {@link #bind} accepts the result, so {@code bind(ctx, defaults, toMap(o))} reproduces {@code o}.
     */
    public static Map<String, Object> toMap(Record options) {
        Objects.requireNonNull(options, "options");
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : options.getClass().getRecordComponents()) {
            out.put(c.getName(), export(read(c, options)));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Whether the provider has an option {@code key}, spelled as {@link #bind} accepts it (its name, or the name in
     * kebab case).
     */
    public static boolean hasOption(Provider<?> provider, String key) {
        Objects.requireNonNull(key, "key");
        return indexOf(provider.defaultOptions().getClass().getRecordComponents(), key) >= 0;
    }

    /** The provider's options: name, type in words, default and documentation, in declaration order. */
    public static List<OptionInfo> describe(Provider<?> provider) {
        Record defaults = provider.defaultOptions();
        List<OptionInfo> out = new ArrayList<>();
        for (RecordComponent c : defaults.getClass().getRecordComponents()) {
            Doc doc = c.getAnnotation(Doc.class);
            out.add(new OptionInfo(c.getName(), typeName(c.getGenericType()), export(read(c, defaults)),
                    doc == null ? "" : doc.value()));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------------------------------------- binding

    private static int indexOf(RecordComponent[] components, String key) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(key)) {
                return i;
            }
        }
        String camel = kebabToCamel(key);
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(camel)) {
                return i;
            }
        }
        return -1;
    }

    private static String kebabToCamel(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        boolean upper = false;
        for (char ch : key.toCharArray()) {
            if (ch == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read component " + c.getName() + " of " + r.getClass(), e);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        }
    }

    private static <O extends Record> O construct(String context, Class<O> type, RecordComponent[] components,
            Object[] args) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<O> ctor;
        try {
            ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
        try {
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce) {
                ConfigException withContext = new ConfigException(ce.field(), context + ": " + ce.getMessage());
                withContext.initCause(ce);
                throw withContext;
            }
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                ConfigException wrapped = new ConfigException(context, context + ": invalid options: "
                        + cause.getClass().getSimpleName() + ": " + cause.getMessage());
                wrapped.initCause(cause);
                throw wrapped;
            }
            throw rethrow(cause);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t);
    }

    private static ConfigException wrongType(String context, String field, Object value, Type type) {
        ConfigException plain = new ConfigException(field, value, expected(type));
        return new ConfigException(field, context + ": " + plain.getMessage());
    }

    private static Object convert(String context, String field, Object value, Type type) {
        Class<?> raw = rawClass(type);
        if (value == null) {
            if (raw.isPrimitive()) {
                throw wrongType(context, field, null, type);
            }
            return null;
        }
        try {
            return convertValue(value, type, raw);
        } catch (OutOfRange e) {
            ConfigException plain = new ConfigException(field, value, e.getMessage());
            throw new ConfigException(field, context + ": " + plain.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw wrongType(context, field, value, type);
        } catch (UnsupportedOperationException e) {
            throw new ConfigException(field, context + ": option '" + field + "' has type " + type.getTypeName()
                    + ", which cannot be set from configuration");
        }
    }

    /** Converts or throws IllegalArgumentException (wrong value) / UnsupportedOperationException (type). */
    private static Object convertValue(Object value, Type type, Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return (int) toLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else if (raw == long.class || raw == Long.class) {
            return toLong(value, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (raw == double.class || raw == Double.class) {
            return toDouble(value);
        } else if (raw == float.class || raw == Float.class) {
            double d = toDouble(value);
            float f = (float) d;
            if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                throw new OutOfRange("a number within the float range (magnitude <= " + Float.MAX_VALUE + ")");
            }
            return f;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return toBoolean(value);
        } else if (raw == String.class) {
            if (value instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException("not a string");
        } else if (raw.isEnum()) {
            return toEnum(value, raw);
        } else if (raw == double[].class) {
            List<?> items = toList(value);
            double[] out = new double[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = toDouble(items.get(i));
            }
            return out;
        } else if (raw == int[].class) {
            List<?> items = toList(value);
            int[] out = new int[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) toLong(items.get(i), Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            return out;
        } else if (raw == long[].class) {
            List<?> items = toList(value);
            long[] out = new long[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = toLong(items.get(i), Long.MIN_VALUE, Long.MAX_VALUE);
            }
            return out;
        } else if (raw == List.class) {
            Type element = elementType(type);
            Class<?> elementRaw = rawClass(element);
            if (elementRaw == List.class || elementRaw.isArray()) {
                throw new UnsupportedOperationException();
            }
            List<Object> out = new ArrayList<>();
            for (Object item : toList(value)) {
                if (item == null) {
                    throw new IllegalArgumentException("null element");
                }
                out.add(convertValue(item, element, elementRaw));
            }
            return List.copyOf(out);
        }
        throw new UnsupportedOperationException();
    }

    /** A well-formed value outside the type's range; the message is the expectation. */
    private static final class OutOfRange extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        OutOfRange(String expected) {
            super(expected);
        }
    }

    private static long toLong(Object value, long min, long max) {
        BigInteger exact;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            exact = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            exact = b;
        } else if (value instanceof BigDecimal b) {
            exact = b.toBigIntegerExact();
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("not finite");
            }
            exact = new BigDecimal(d).toBigIntegerExact();
        } else if (value instanceof String s) {
            String t = s.trim();
            if (INTEGER.matcher(t).matches()) {
                exact = new BigInteger(t);
            } else if (DECIMAL.matcher(t).matches()) {
                exact = new BigDecimal(t).toBigIntegerExact();
            } else {
                throw new IllegalArgumentException("not an integer");
            }
        } else {
            throw new IllegalArgumentException("not an integer");
        }
        if (exact.compareTo(BigInteger.valueOf(min)) < 0 || exact.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new OutOfRange("an integer in [" + min + ", " + max + "]");
        }
        return exact.longValue();
    }

    private static double toDouble(Object value) {
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return n.doubleValue();
        } else if (value instanceof BigDecimal b) {
            return b.doubleValue();
        } else if (value instanceof String s) {
            String t = s.trim();
            if (DECIMAL.matcher(t).matches()) {
                return Double.parseDouble(t);
            }
            switch (t.toLowerCase(Locale.ROOT)) {
                case "nan":
                    return Double.NaN;
                case "inf", "+inf", "infinity", "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    throw new IllegalArgumentException("not a number");
            }
        }
        throw new IllegalArgumentException("not a number");
    }

    private static boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String t = s.trim();
            if (t.equalsIgnoreCase("true")) {
                return true;
            }
            if (t.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Object toEnum(Object value, Class<?> type) {
        if (type.isInstance(value)) {
            return value;
        }
        if (value instanceof String s) {
            String wanted = s.trim().replace('-', '_');
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(wanted)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("not a constant");
    }

    /** A list from a JSON list, a Java array, a string such as {@code [1, 0.5]} or {@code 1,0.5}, or a scalar. */
    private static List<?> toList(Object value) {
        if (value instanceof List<?> l) {
            return l;
        } else if (value instanceof Object[] a) {
            return Arrays.asList(a);
        } else if (value instanceof double[] a) {
            return Arrays.stream(a).boxed().toList();
        } else if (value instanceof int[] a) {
            return Arrays.stream(a).boxed().toList();
        } else if (value instanceof long[] a) {
            return Arrays.stream(a).boxed().toList();
        } else if (value instanceof String s) {
            String t = s.trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1).trim();
            }
            if (t.isEmpty()) {
                return List.of();
            }
            List<String> items = new ArrayList<>();
            for (String part : t.split(",", -1)) {
                items.add(unquote(part.trim()));
            }
            return items;
        } else if (value instanceof Number || value instanceof Boolean) {
            return List.of(value);
        }
        throw new IllegalArgumentException("not a list");
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------- types

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Type elementType(Type listType) {
        if (listType instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    /** What a value of this type must be, after "expected": {@code an integer}, {@code a list of numbers}. */
    static String expected(Type type) {
        Class<?> raw = rawClass(type);
        if (raw.isEnum()) {
            return "one of " + enumLabels(raw);
        }
        String name = typeName(type);
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        return (name.startsWith("integer") ? "an " : "a ") + name;
    }

    /** The type in words, as listed by {@link #describe}. */
    static String typeName(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "integer";
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return "number";
        } else if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        } else if (raw == String.class) {
            return "string";
        } else if (raw.isEnum()) {
            return "one of " + enumLabels(raw);
        } else if (raw == double[].class) {
            return "list of numbers";
        } else if (raw == int[].class || raw == long[].class) {
            return "list of integers";
        } else if (raw == List.class) {
            Type element = elementType(type);
            Class<?> elementRaw = rawClass(element);
            if (elementRaw.isEnum()) {
                return "list of values from " + enumLabels(elementRaw);
            }
            return "list of " + typeName(element) + "s";
        }
        return type.getTypeName();
    }

    private static String enumLabels(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> label((Enum<?>) c))
                .collect(Collectors.joining(", "));
    }

    private static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Object export(Object value) {
        if (value instanceof Enum<?> e) {
            return label(e);
        } else if (value instanceof double[] a) {
            return Arrays.stream(a).boxed().toList();
        } else if (value instanceof int[] a) {
            return Arrays.stream(a).boxed().toList();
        } else if (value instanceof long[] a) {
            return Arrays.stream(a).boxed().toList();
        } else if (value instanceof Record r) {
            return toMap(r);
        } else if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object item : l) {
                out.add(export(item));
            }
            return Collections.unmodifiableList(out);
        }
        return value;
    }
}
