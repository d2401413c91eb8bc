package org.alws.models.blowfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Summary statistics against values worked out by hand and against series of known period. */
class SeriesStatisticsTest {

    private static double[] sine(int length, double period, double phase) {
        double[] x = new double[length];
        for (int t = 0; t < length; t++) {
            x[t] = 2 + Math.sin(2 * Math.PI * t / period + phase);
        }
        return x;
    }

    @Test
    void meanStandardDeviationAndAutocorrelationsOfAShortSeries() {
        SeriesStatistics s = SeriesStatistics.of(new double[] {1, 2, 3, 4}, 2);
        // Centred: -1.5, -0.5, 0.5, 1.5; sum of squares 5.
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.std()).isCloseTo(Math.sqrt(5.0 / 4), within(1e-15));
        assertThat(s.autocorrelation()).containsExactly(new double[] {1.25 / 5, -1.5 / 5}, within(1e-15));
    }

    @Test
    void theDominantPeriodOfASineIsItsPeriodEvenBetweenFourierFrequencies() {
        for (double period : new double[] {19.0, 23.7, 37.5, 6.2}) {
            SeriesStatistics s = SeriesStatistics.of(sine(180, period, 0.7), 20);
            // The search grid has step 1/(8T) in frequency, i.e. about period²/1440 in period.
            assertThat(s.period()).as("period of a sine of period %s", period)
                    .isCloseTo(period, within(period * period / 1440 + 1e-9));
        }
    }

    @Test
    void theAutocorrelationsOfALongSineFollowTheCosine() {
        int length = 2_000;
        SeriesStatistics s = SeriesStatistics.of(sine(length, 19, 0.3), 20);
        double[] acf = s.autocorrelation();
        for (int k = 1; k <= 20; k++) {
            assertThat(acf[k - 1]).as("lag %d", k).isCloseTo(Math.cos(2 * Math.PI * k / 19) * (length - k) / length,
                    within(5e-3));
        }
        assertThat(s.std()).isCloseTo(Math.sqrt(0.5), within(1e-3));
        assertThat(s.period()).isCloseTo(19, within(19.0 * 19 / (8 * length)));
    }

    @Test
    void averagingTakesTheMeanOfTheStatisticsAndTheMedianOfThePeriods() {
        double[][] series = {sine(180, 10, 0), sine(180, 20, 0), sine(180, 45, 0)};
        SeriesStatistics avg = SeriesStatistics.average(series, 5);
        SeriesStatistics a = SeriesStatistics.of(series[0], 5);
        SeriesStatistics b = SeriesStatistics.of(series[1], 5);
        SeriesStatistics c = SeriesStatistics.of(series[2], 5);
        assertThat(avg.mean()).isCloseTo((a.mean() + b.mean() + c.mean()) / 3, within(1e-12));
        assertThat(avg.std()).isCloseTo((a.std() + b.std() + c.std()) / 3, within(1e-12));
        assertThat(avg.autocorrelation()[2]).isCloseTo((a.autocorrelation()[2] + b.autocorrelation()[2]
                + c.autocorrelation()[2]) / 3, within(1e-12));
        assertThat(avg.period()).isEqualTo(b.period());
        assertThat(avg.maxAutocorrelationGap(avg)).isZero();
        assertThat(a.maxAutocorrelationGap(b)).isPositive();
    }

    @Test
    void seriesThatCannotBeSummarisedAreRejected() {
        assertThatThrownBy(() -> SeriesStatistics.of(new double[] {1, 2, 3}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series statistics: a series of 3 points cannot give autocorrelations up to lag 2; "
                        + "expected at least 4 points");
        assertThatThrownBy(() -> SeriesStatistics.of(new double[] {1, 1, 1, 1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("series statistics: the series is constant");
        assertThatThrownBy(() -> SeriesStatistics.of(new double[] {1, Double.NaN, 1, 2}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series statistics: the series holds a non-finite value NaN");
    }
}
