package org.alws.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void numbersHaveSignificantDigitsWithoutTrailingZeros() {
        assertThat(Format.number(3.41234, 4)).isEqualTo("3.412");
        assertThat(Format.number(-10.5902159, 6)).isEqualTo("-10.5902");
        assertThat(Format.number(2.0, 6)).isEqualTo("2");
        assertThat(Format.number(0, 6)).isEqualTo("0");
        assertThat(Format.number(1234567.0, 3)).isEqualTo("1230000");
        assertThat(Format.number(1.5e-7, 3)).isEqualTo("1.5e-7");
        assertThat(Format.number(2.5e12, 3)).isEqualTo("2.5e12");
        assertThat(Format.number(Double.NaN, 3)).isEqualTo("NaN");
        assertThat(Format.number(Double.NEGATIVE_INFINITY, 3)).isEqualTo("-Infinity");
    }

    @Test
    void percentagesCarryTheirSign() {
        assertThat(Format.signedPercent(-0.021)).isEqualTo("-2.1%");
        assertThat(Format.signedPercent(0.25)).isEqualTo("+25.0%");
    }

    @Test
    void durationsPickTheirUnit() {
        assertThat(Format.seconds(0.421)).isEqualTo("0.42 s");
        assertThat(Format.seconds(9.62)).isEqualTo("9.6 s");
        assertThat(Format.seconds(125)).isEqualTo("2 min 05 s");
        assertThat(Format.seconds(3725)).isEqualTo("1 h 02 min");
        assertThat(Format.seconds(Double.NaN)).isEqualTo("?");
        assertThat(Format.millis(0.0123456)).isEqualTo("12.3");
    }
}
