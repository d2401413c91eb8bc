package org.alws.cli.progress;

import org.alws.cli.text.Format;

/**
 * The trend of the training loss: the relative change between the mean loss of the last {@code k} steps and that of
 * the {@code k} steps before, where {@code k} is the window (a tenth of the run) or, early on, half the steps seen.
 * Keeps the last two windows of losses; {@link #add} is O(1), {@link #change} O(window).
 */
public final class LossTrend {
    private final double[] ring;
    private final int window;
    private long count;

    /** @param window the number of steps each mean is taken over (at least 1) */
    public LossTrend(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window is " + window + "; expected >= 1");
        }
        this.window = window;
        this.ring = new double[2 * window];
    }

    /** A trend over a tenth of {@code steps} steps. */
    public static LossTrend overTenthOf(long steps) {
        return new LossTrend((int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, steps / 10)));
    }

    /** Records the loss of the next step. */
    public void add(double loss) {
        ring[(int) (count % ring.length)] = loss;
        count++;
    }

    /** The number of steps each mean is currently taken over; 0 until two steps have been seen. */
    public int span() {
        return (int) Math.min(window, count / 2);
    }

    /** The mean loss of the last {@link #span()} steps (NaN if none). */
    public double recentMean() {
        int k = span();
        return k == 0 ? Double.NaN : mean(0, k);
    }

    /**
     * (mean of the last k losses − mean of the k before) / |mean of the k before|, with k = {@link #span()}; NaN
     * if k is 0 or the earlier mean is 0 or not finite.
     */
    public double change() {
        int k = span();
        if (k == 0) {
            return Double.NaN;
        }
        double recent = mean(0, k);
        double before = mean(k, k);
        if (!Double.isFinite(before) || before == 0) {
            return Double.NaN;
        }
        return (recent - before) / Math.abs(before);
    }

    /** {@code ↓2.1%}, {@code ↑0.4%} or {@code →0.0%}; empty if there is no trend yet. */
    public String arrow() {
        double c = change();
        if (Double.isNaN(c)) {
            return "";
        }
        String sign = c < 0 ? "\u2193" : c > 0 ? "\u2191" : "\u2192";
        return sign + Format.signedPercent(Math.abs(c)).substring(1);
    }

    /** The mean of {@code k} losses, starting {@code skip} steps back from the newest. */
    private double mean(int skip, int k) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            long index = count - 1 - skip - i;
            sum += ring[(int) (index % ring.length)];
        }
        return sum / k;
    }
}
