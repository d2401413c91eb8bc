package org.alws.cli.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @Test
    void writesHeaderAndRowsQuotingOnlyWhereNeeded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/out.csv");
        Csv.write(file, List.of("a", "b"), List.of(List.of("1", "x,y"), List.of("say \"hi\"", "2")));
        assertThat(Files.readString(file)).isEqualTo("a,b\n1,\"x,y\"\n\"say \"\"hi\"\"\",2\n");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void rejectsRowsOfTheWrongLength(@TempDir Path dir) {
        assertThatThrownBy(() -> Csv.write(dir.resolve("x.csv"), List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CSV row has 1 fields; the header has 2");
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }
}
