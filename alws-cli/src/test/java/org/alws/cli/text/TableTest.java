package org.alws.cli.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsWithTwoSpacesAndNoTrailingBlanks() {
        Table t = Table.withHeader("name", "value", "note").align(Table.Align.RIGHT, 1);
        t.row("a", "1.5", "x");
        t.row("longer", "-12", "");
        assertThat(t.lines()).containsExactly(
                "name    value  note",
                "a         1.5  x",
                "longer    -12");
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void plainTableHasNoHeaderAndPadsMissingCells() {
        Table t = Table.plain(3);
        t.row("a");
        t.row("bb", "c", "d");
        assertThat(t.lines()).containsExactly("a", "bb  c  d");
    }

    @Test
    void rejectsRowsWiderThanTheTable() {
        assertThatThrownBy(() -> Table.plain(1).row("a", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row has 2 cells; the table has 1 columns");
    }
}
