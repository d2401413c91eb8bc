package org.alws.models.np;

import java.util.SplittableRandom;

/**
 * One function of the {@code sine-functions} data: a·sin(x − b) observed with Gaussian noise on an evenly spaced grid
 * over [−π, π], and the grid indices of its target points (the first ones are the context).
 *
 * @param amplitude a
 * @param phase b
 * @param grid the grid's locations, from −π to π
 * @param values the noisy values at the grid's locations
 * @param targets the target points' grid indices, distinct, in the order they were drawn
 */
public record SineFunction(double amplitude, double phase, double[] grid, double[] values, int[] targets) {

    /** Copies the arrays. */
    public SineFunction {
        grid = grid.clone();
        values = values.clone();
        targets = targets.clone();
    }

    /** The grid's locations (a copy). */
    @Override
    public double[] grid() {
        return grid.clone();
    }

    /** The noisy values at the grid's locations (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The target points' grid indices (a copy). */
    @Override
    public int[] targets() {
        return targets.clone();
    }

    /**
     * Draws a function: a ~ U(amplitudeMin, amplitudeMax), b ~ U(phaseMin, phaseMax), the noise at every grid point,
     * then {@code targetPoints} distinct grid indices (a partial Fisher–Yates shuffle), in that order from
     * {@code random}.
     */
    static SineFunction draw(SineFunctionsDataProvider.Options options, SplittableRandom random) {
        double a = uniform(random, options.amplitudeMin(), options.amplitudeMax());
        double b = uniform(random, options.phaseMin(), options.phaseMax());
        int g = options.gridPoints();
        double[] grid = grid(g);
        double[] values = new double[g];
        for (int i = 0; i < g; i++) {
            values[i] = a * Math.sin(grid[i] - b) + options.noise() * Gaussians.draw(random);
        }
        int[] order = new int[g];
        for (int i = 0; i < g; i++) {
            order[i] = i;
        }
        int[] targets = new int[options.targetPoints()];
        for (int i = 0; i < targets.length; i++) {
            int j = i + random.nextInt(g - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
            targets[i] = order[i];
        }
        return new SineFunction(a, b, grid, values, targets);
    }

    /** {@code points} evenly spaced locations from −π to π, both included. */
    static double[] grid(int points) {
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = -Math.PI + 2 * Math.PI * i / (points - 1);
        }
        return x;
    }

    /** The noiseless a·sin(x − b). */
    public double mean(double x) {
        return amplitude * Math.sin(x - phase);
    }

    /** The target points' locations. */
    public double[] targetLocations() {
        double[] x = new double[targets.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = grid[targets[i]];
        }
        return x;
    }

    /** The target points' noisy values. */
    public double[] targetValues() {
        double[] y = new double[targets.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = values[targets[i]];
        }
        return y;
    }

    /** The data row of this function with the first {@code contextPoints} targets as context: [y_T | x_T | y_C]. */
    public double[] row(int contextPoints) {
        int t = targets.length;
        double[] row = new double[2 * t + contextPoints];
        System.arraycopy(targetValues(), 0, row, 0, t);
        System.arraycopy(targetLocations(), 0, row, t, t);
        System.arraycopy(targetValues(), 0, row, 2 * t, contextPoints);
        return row;
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
