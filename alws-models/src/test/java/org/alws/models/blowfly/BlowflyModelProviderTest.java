package org.alws.models.blowfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alws.api.ConfigException;
import org.junit.jupiter.api.Test;

/** The model's options: the reference's defaults, and one-line errors for inconsistent sizes. */
class BlowflyModelProviderTest {

    private static BlowflyModelProvider.Options sizes(int length, int maxDelay, int window) {
        return new BlowflyModelProvider.Options(length, maxDelay, window, 1, 1, 1, 1, 1, 0.3, 0.5);
    }

    @Test
    void defaultsAreTheReferenceExperiments() {
        BlowflyModelProvider.Options o = new BlowflyModelProvider().defaultOptions();
        assertThat(o).isEqualTo(sizes(180, 20, 20));
    }

    @Test
    void tooFewTimePointsForTheMaximumDelayNamesTheLength() {
        assertThatThrownBy(() -> sizes(20, 20, 20)).isInstanceOf(ConfigException.class)
                .hasMessage("length: got 20, expected more time points than the maximum delay (maxDelay = 20)");
    }

    @Test
    void aWindowLongerThanTheSeriesNamesTheWindow() {
        assertThatThrownBy(() -> sizes(30, 5, 31)).isInstanceOf(ConfigException.class)
                .hasMessage("window: got 31, expected an initial window no longer than the series (length = 30)");
    }

    @Test
    void aWindowShorterThanTheMaximumDelayNamesTheWindow() {
        assertThatThrownBy(() -> sizes(30, 5, 4)).isInstanceOf(ConfigException.class)
                .hasMessage("window: got 4, expected at least maxDelay = 5 values, so that every delay reaches into "
                        + "it");
    }

    @Test
    void initialValuesMustBeInTheirRanges() {
        assertThatThrownBy(() -> new BlowflyModelProvider.Options(180, 20, 20, 0, 1, 1, 1, 1, 0.3, 0.5))
                .isInstanceOf(ConfigException.class).hasMessage("initialP: got 0.0, expected a finite number > 0");
        assertThatThrownBy(() -> new BlowflyModelProvider.Options(180, 20, 20, 1, 1, 1, 1, 1, 0.3, 1.0))
                .isInstanceOf(ConfigException.class)
                .hasMessage("initialWindow: got 1.0, expected a number in (0.0, 1.0)");
    }
}
