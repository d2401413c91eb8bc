package org.alws.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LossTrendTest {

    @Test
    void hasNoTrendBeforeTwoSteps() {
        LossTrend t = new LossTrend(10);
        assertThat(t.change()).isNaN();
        t.add(1);
        assertThat(t.span()).isZero();
        assertThat(t.arrow()).isEmpty();
    }

    @Test
    void comparesTheLastWindowWithTheOneBefore() {
        LossTrend t = new LossTrend(2);
        for (double loss : new double[] {100, 100, 10, 10, 8, 8}) {
            t.add(loss);
        }
        // last two: mean 8; two before: mean 10
        assertThat(t.span()).isEqualTo(2);
        assertThat(t.change()).isCloseTo(-0.2, within(1e-12));
        assertThat(t.recentMean()).isEqualTo(8);
        assertThat(t.arrow()).isEqualTo("\u219320.0%");
    }

    @Test
    void usesHalfTheStepsSeenEarlyOn() {
        LossTrend t = new LossTrend(100);
        t.add(4);
        t.add(4);
        t.add(5);
        // span = 1: last step (5) against the one before (4)
        assertThat(t.span()).isEqualTo(1);
        assertThat(t.change()).isCloseTo(0.25, within(1e-12));
        assertThat(t.arrow()).isEqualTo("\u219125.0%");
    }

    @Test
    void windowIsATenthOfTheRun() {
        LossTrend t = LossTrend.overTenthOf(1000);
        for (int i = 0; i < 1000; i++) {
            t.add(i);
        }
        assertThat(t.span()).isEqualTo(100);
    }
}
