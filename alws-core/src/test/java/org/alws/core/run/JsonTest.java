package org.alws.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir
    Path temp;

    @Test
    void doublesRoundTripBitForBit() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        double[] values = new double[2000];
        for (int i = 0; i < values.length; i++) {
            // Random bit patterns cover subnormals and every exponent; non-finite ones are replaced.
            double d = Double.longBitsToDouble(random.nextLong());
            values[i] = Double.isFinite(d) ? d : random.nextDouble();
        }
        values[0] = -0.0;
        values[1] = Double.MIN_VALUE;
        values[2] = Double.MAX_VALUE;
        values[3] = 0.1 + 0.2;

        JsonNode back = Json.mapper().readTree(Json.write(Map.of("v", values)));

        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(back.get("v").get(i).doubleValue())).as("value %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
    }

    @Test
    void mapsAreWrittenInKeyOrderPrettyWithUnixLineEnds() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(1, 2));

        assertThat(Json.write(m)).isEqualTo("{\n  \"a\": [ 1, 2 ],\n  \"b\": 1\n}");
    }

    @Test
    void linesKeepTheMapOrderOnOneLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", 1);
        m.put("kind", "train");
        m.put("a", Double.NaN);

        assertThat(Json.writeLine(m)).isEqualTo("{\"step\":1,\"kind\":\"train\",\"a\":\"NaN\"}");
    }

    @Test
    void recordsKeepTheirDeclarationOrder() {
        record R(int z, int a) {
        }

        assertThat(Json.writeLine(new R(1, 2))).isEqualTo("{\"z\":1,\"a\":2}");
    }

    @Test
    void readingErrorsNameTheFile() throws IOException {
        Path bad = temp.resolve("bad.json");
        Files.writeString(bad, "{\"a\": }");
        Path empty = temp.resolve("empty.json");
        Files.writeString(empty, "");

        assertThatThrownBy(() -> Json.readTree(bad)).isInstanceOf(StorageException.class)
                .hasMessageStartingWith(bad.toAbsolutePath() + " is not valid JSON: ")
                .hasMessageContaining("(line 1, column 7)");
        assertThatThrownBy(() -> Json.readTree(empty))
                .hasMessage(empty.toAbsolutePath() + " is empty; expected a JSON document");
        assertThatThrownBy(() -> Json.readTree(temp.resolve("none.json")))
                .hasMessage(temp.resolve("none.json").toAbsolutePath() + " does not exist");
    }

    @Test
    void writeFileReplacesAtomicallyAndReadFileMapsToTypes() {
        record Point(double x, List<String> tags) {
        }
        Path file = temp.resolve("sub/p.json");

        Json.writeFile(file, new Point(1.5, List.of("a")));
        Json.writeFile(file, new Point(2.5, List.of("b")));

        assertThat(Json.readFile(file, Point.class)).isEqualTo(new Point(2.5, List.of("b")));
        assertThat(file.getParent().toFile().list()).containsExactly("p.json");
        assertThatThrownBy(() -> Json.readFile(file, Integer.class)).isInstanceOf(StorageException.class)
                .hasMessageStartingWith(file.toAbsolutePath() + " does not match Integer: ");
    }
}
