package org.alws.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.alws.api.StorageException;

/**
 * The one JSON configuration of ALWS files. Objects are pretty-printed with two-space indents and {@code \n} line
 * ends; map entries and tree properties are written in key order, so that files are reproducible and diff well,
 * while records keep their declaration order. Doubles are written as Java's shortest round-tripping decimal, so
 * reading a file back gives the very same bits (except that {@code NaN} and the infinities are written as the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, as JSON has no literal for them). Unknown properties are
 * ignored when reading records, so that newer files stay readable.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")))
            .build();
    private static final ObjectWriter LINE_WRITER = MAPPER.writer()
            .without(SerializationFeature.INDENT_OUTPUT)
            .without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .without(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private Json() {
    }

    /** The shared mapper. It is configured once; do not reconfigure it (copy it instead). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as pretty-printed JSON, without a final line end. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as JSON on one line, map entries in their own order (for JSON Lines files). */
    public static String writeLine(Object value) {
        try {
            return LINE_WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes {@code value} pretty-printed, with a final line end, atomically replacing {@code file}.
     *
     * @throws StorageException naming the file if it cannot be written
     */
    public static void writeFile(Path file, Object value) {
        AtomicFiles.write(file, (write(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The JSON tree in {@code file}.
     *
     * @throws StorageException naming the file if it is missing, unreadable or not valid JSON
     */
    public static JsonNode readTree(Path file) {
        try {
            JsonNode node = MAPPER.readTree(Files.readAllBytes(file));
            if (node == null || node.isMissingNode()) {
                throw new StorageException(file.toAbsolutePath() + " is empty; expected a JSON document");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new StorageException(file.toAbsolutePath() + " does not exist", e);
        } catch (JsonProcessingException e) {
            throw new StorageException(file.toAbsolutePath() + " is not valid JSON: " + oneLine(e), e);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file.toAbsolutePath() + ": " + AtomicFiles.describe(e), e);
        }
    }

    /**
     * The content of {@code file} as a {@code type} (a record, a map, ...).
     *
     * @throws StorageException naming the file if it is missing, unreadable, or does not fit the type
     */
    public static <T> T readFile(Path file, Class<T> type) {
        JsonNode node = readTree(file);
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException j ? oneLine(j) : e.getMessage();
            throw new StorageException(file.toAbsolutePath() + " does not match " + type.getSimpleName() + ": "
                    + detail, e);
        }
    }

    /** A map or bean as a JSON tree, through the shared mapper. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A JSON object as a map of plain Java values (maps, lists, strings, numbers, booleans, nulls). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode object) {
        if (!object.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + object.getNodeType());
        }
        return MAPPER.convertValue(object, Map.class);
    }

    private static String oneLine(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " ") + where;
    }
}
