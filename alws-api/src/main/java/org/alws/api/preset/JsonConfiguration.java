package org.alws.api.preset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.alws.api.ConfigException;

/**
 * Reads a run configuration written as JSON (RFC 8259) into the plain values a {@link PresetProvider} returns:
 * objects become unmodifiable maps in file order, arrays unmodifiable lists, integers without fraction or exponent
 * {@link Long}s, other numbers {@link Double}s, and {@code true}, {@code false}, {@code null} themselves. It needs
 * nothing beyond the JDK, so that plugin JARs built against {@code alws-api} alone can keep their presets as JSON
 * resources. Anything that is not strict JSON (comments, trailing commas, a repeated key, a top level other than one
 * object) is a one-line {@link ConfigException} naming the source, the line and the column.
 */
public final class JsonConfiguration {
    private final String source;
    private final String text;
    private int at;

    private JsonConfiguration(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * The object in {@code text}.
     *
     * @param source names the text in error messages (a file or resource name)
     * @throws ConfigException if the text is not one JSON object
     */
    public static Map<String, Object> parse(String source, String text) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        JsonConfiguration p = new JsonConfiguration(source, text);
        p.skipSpace();
        if (p.at >= text.length() || text.charAt(p.at) != '{') {
            throw p.error(p.at >= text.length() ? "it is empty; expected a JSON object" : "expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) p.value();
        p.skipSpace();
        if (p.at < text.length()) {
            throw p.error("unexpected text after the object");
        }
        return out;
    }

    /**
     * The object in the UTF-8 resource {@code name}, found like {@link Class#getResourceAsStream} of {@code anchor}
     * (relative to its package unless the name starts with {@code /}).
     *
     * @throws ConfigException if the resource is missing, not UTF-8 or not one JSON object
     */
    public static Map<String, Object> resource(Class<?> anchor, String name) {
        String source = "resource " + name + " of " + anchor.getName();
        byte[] bytes;
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new ConfigException("preset", source + " does not exist");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigException("preset", "cannot read " + source + ": " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException("preset", source + " is not UTF-8 text");
        }
        return parse(source, text);
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("unexpected end; expected a value");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'; expected a value");
        }
    }

    private Map<String, Object> object() {
        at++;
        Map<String, Object> out = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return Collections.unmodifiableMap(out);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a key in double quotes");
            }
            int keyAt = at;
            String key = string();
            if (out.containsKey(key)) {
                at = keyAt;
                throw error("key '" + key + "' is repeated");
            }
            skipSpace();
            expect(':');
            out.put(key, value());
            skipSpace();
            char c = peek();
            at++;
            if (c == '}') {
                return Collections.unmodifiableMap(out);
            }
            if (c != ',') {
                at--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() {
        at++;
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            at++;
            return Collections.unmodifiableList(out);
        }
        while (true) {
            out.add(value());
            skipSpace();
            char c = peek();
            at++;
            if (c == ']') {
                return Collections.unmodifiableList(out);
            }
            if (c != ',') {
                at--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        at++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                at--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape());
                default -> {
                    at--;
                    throw error("invalid escape '\\" + e + "'");
                }
            }
        }
    }

    private char unicodeEscape() {
        if (at + 4 > text.length()) {
            throw error("incomplete \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(at + i), 16);
            if (d < 0) {
                throw error("invalid \\u escape");
            }
            v = v * 16 + d;
        }
        at += 4;
        return (char) v;
    }

    private Object number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("invalid number");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            at++;
            if (!isDigit(peek())) {
                throw error("invalid number: expected a digit after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number: expected a digit in the exponent");
            }
            digits();
        }
        String s = text.substring(start, at);
        if (integral) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return Double.parseDouble(s);
            }
        }
        return Double.parseDouble(s);
    }

    private void digits() {
        while (isDigit(peek())) {
            at++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected text; expected a value");
        }
        at += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    /** The character at the cursor, or NUL at the end. */
    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private ConfigException error(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new ConfigException("preset", source + " is not valid JSON at line " + line + ", column " + column
                + ": " + what);
    }
}
