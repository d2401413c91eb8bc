package org.alws.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.alws.api.StorageException;

/**
 * A JSON Lines metrics file ({@code metrics.jsonl}): one object per line,
 * {@code {"step":1200,"kind":"train","elapsedSeconds":...,"loss":...}}, with {@code step} and {@code kind} first and
 * the values in name order. Each append is a single write of a whole line to the file, flushed to the operating
 * system before it returns; a line torn by a crash is ignored when reading and cut off before the next append.
 * Non-finite values are written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} and read
 * back as numbers. Thread-safe.
 */
public final class MetricsLog {
    /** The kind of records holding training figures. */
    public static final String TRAIN = "train";
    /** The kind of records holding held-out evaluations. */
    public static final String EVAL = "eval";

    private final Path file;
    private boolean sealed;

    /** The log in {@code file}, which need not exist yet. */
    public MetricsLog(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /**
     * Appends one record.
     *
     * @param step the number of steps taken
     * @param kind {@link #TRAIN}, {@link #EVAL} or another non-blank word
     * @param values figures by name; the names {@code step} and {@code kind} are reserved
     * @throws StorageException naming the file if it cannot be written
     */
    public synchronized void append(long step, String kind, Map<String, ? extends Number> values) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("metrics kind must be a non-blank word, got '" + kind + "'");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("kind", kind);
        for (Map.Entry<String, ? extends Number> e : new TreeMap<String, Number>(values).entrySet()) {
            if (e.getKey().equals("step") || e.getKey().equals("kind")) {
                throw new IllegalArgumentException("metric name '" + e.getKey() + "' is reserved");
            }
            line.put(e.getKey(), Objects.requireNonNull(e.getValue(), () -> "metric '" + e.getKey() + "' is null"));
        }
        String text = Json.writeLine(line) + "\n";
        try {
            if (!sealed) {
                dropTornLine();
                sealed = true;
            }
            Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new StorageException("cannot append to " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    /**
     * Every complete record, in file order; empty if the file does not exist.
     *
     * @throws StorageException naming the file and line of a malformed record
     */
    public synchronized List<MetricsRecord> read() {
        List<MetricsRecord> out = new ArrayList<>();
        for (Line line : lines()) {
            out.add(line.record());
        }
        return out;
    }

    /**
     * Drops the records of steps after {@code step} (and a torn last line), atomically: on resuming from the
     * checkpoint of {@code step}, the records of the steps that are run again go, and the file reads as if the run
     * had never been interrupted.
     *
     * @throws StorageException naming the file if it cannot be read or rewritten
     */
    public synchronized void rewindTo(long step) {
        if (!Files.exists(file)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (Line line : lines()) {
            if (line.record().step() <= step) {
                kept.append(line.text()).append('\n');
            }
        }
        AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
        sealed = true;
    }

    private record Line(String text, MetricsRecord record) {
    }

    private List<Line> lines() {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
        boolean complete = content.isEmpty() || content.endsWith("\n");
        String[] texts = content.split("\n", -1);
        List<Line> out = new ArrayList<>();
        // The last element is what follows the final line end: empty, or a line torn by a crash.
        int count = texts.length - 1;
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i].strip();
            if (text.isEmpty()) {
                continue;
            }
            boolean last = i == count;
            try {
                out.add(new Line(text, parse(text, i + 1)));
            } catch (StorageException e) {
                if (last && !complete) {
                    break;
                }
                throw e;
            }
        }
        return out;
    }

    private MetricsRecord parse(String text, int lineNumber) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new StorageException(file + " line " + lineNumber + " is not valid JSON: "
                    + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "), e);
        }
        if (node == null || !node.isObject()) {
            throw new StorageException(file + " line " + lineNumber + " is not a JSON object");
        }
        JsonNode step = node.get("step");
        JsonNode kind = node.get("kind");
        if (step == null || !step.canConvertToExactIntegral() || !step.canConvertToLong()) {
            throw new StorageException(file + " line " + lineNumber + " has no integer 'step'");
        }
        if (kind == null || !kind.isTextual()) {
            throw new StorageException(file + " line " + lineNumber + " has no string 'kind'");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equals("step") || e.getKey().equals("kind")) {
                continue;
            }
            values.put(e.getKey(), number(e.getKey(), e.getValue(), lineNumber));
        }
        return new MetricsRecord(step.asLong(), kind.asText(), values);
    }

    private double number(String name, JsonNode value, int lineNumber) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            switch (value.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new StorageException(file + " line " + lineNumber + ": '" + name + "' is " + value
                + "; expected a number");
    }

    /** Cuts a line torn by a crash (bytes after the last line end) off the end of the file. */
    private void dropTornLine() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = channel.size();
            ByteBuffer chunk = ByteBuffer.allocate(4096);
            long keep = 0;
            search:
            for (long pos = end; pos > 0; ) {
                long from = Math.max(0, pos - chunk.capacity());
                chunk.clear().limit((int) (pos - from));
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk, from + chunk.position()) < 0) {
                        break;
                    }
                }
                for (int i = chunk.position() - 1; i >= 0; i--) {
                    if (chunk.get(i) == '\n') {
                        keep = from + i + 1;
                        break search;
                    }
                }
                pos = from;
            }
            if (keep < end) {
                channel.truncate(keep);
                channel.force(true);
            }
        }
    }

}
