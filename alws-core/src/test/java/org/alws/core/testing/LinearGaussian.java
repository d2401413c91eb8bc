package org.alws.core.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.config.Check;
import org.alws.api.config.NoOptions;
import org.alws.api.data.ArrayDataset;
import org.alws.api.data.DataSplits;
import org.alws.api.data.DatasetProvider;
import org.alws.api.dist.Normal;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.ExactScore;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.ModelProvider;
import org.alws.api.model.Trace;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;

/**
 * A test model with a closed-form marginal: z ~ N(0, 1), x | z ~ N(w z + b, s²) with s = exp(logS), so x ~ N(b, w²
 * + s²). Its exact score is the ground truth for ALWS's gradient estimates.
 */
public final class LinearGaussian implements GenerativeModel, ExactLikelihood, ExactScore {
    private final double w0;
    private final double b0;
    private final double logS0;

    public LinearGaussian(double w0, double b0, double logS0) {
        this.w0 = w0;
        this.b0 = b0;
        this.logS0 = logS0;
    }

    @Override
    public void run(Trace t) {
        Tensor w = t.param("w", Shape.of(1), Initializer.values(w0));
        Tensor b = t.param("b", Shape.of(1), Initializer.values(b0));
        Tensor logS = t.param("logS", Shape.scalar(), Initializer.values(logS0));
        Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 1)), 1.0));
        t.observe("x", Normal.of(z.mul(w).add(b), logS.exp()));
    }

    @Override
    public double[] logLikelihood(HostArray data, Map<String, HostArray> p) {
        double w = p.get("w").get(0);
        double b = p.get("b").get(0);
        double s = Math.exp(p.get("logS").get(0));
        double v = w * w + s * s;
        double[] x = data.doubles();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = -0.5 * Math.log(2 * Math.PI * v) - 0.5 * (x[i] - b) * (x[i] - b) / v;
        }
        return out;
    }

    @Override
    public Map<String, HostArray> score(HostArray data, Map<String, HostArray> p) {
        double w = p.get("w").get(0);
        double b = p.get("b").get(0);
        double s = Math.exp(p.get("logS").get(0));
        double v = w * w + s * s;
        double[] x = data.doubles();
        int m = x.length;
        double[] gw = new double[m];
        double[] gb = new double[m];
        double[] gs = new double[m];
        for (int i = 0; i < m; i++) {
            double r = x[i] - b;
            double dv = 0.5 * (r * r / (v * v) - 1 / v);
            gb[i] = r / v;
            gw[i] = 2 * w * dv;
            gs[i] = 2 * s * s * dv;
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put("w", HostArray.of(Shape.of(m, 1), gw));
        out.put("b", HostArray.of(Shape.of(m, 1), gb));
        out.put("logS", HostArray.of(Shape.of(m), gs));
        return out;
    }

    /** The model plugin {@code linear-gaussian}, starting from w = 0.5, b = 0, s = 1. */
    public static final class Provider implements ModelProvider<NoOptions> {
        @Override
        public String name() {
            return "linear-gaussian";
        }

        @Override
        public String description() {
            return "test model x = w z + b + s eps";
        }

        @Override
        public NoOptions defaultOptions() {
            return new NoOptions();
        }

        @Override
        public GenerativeModel create(NoOptions options) {
            return new LinearGaussian(0.5, 0.0, 0.0);
        }
    }

    /**
     * Options of the synthetic data.
     *
     * @param size training examples
     * @param sd the marginal standard deviation of x (its mean is 1)
     */
    public record DataOptions(int size, double sd) {
        public DataOptions {
            Check.atLeast("size", size, 1);
            Check.positive("sd", sd);
        }
    }

    /** The data set plugin {@code linear-gaussian}: x ~ N(1, sd²). */
    public static final class Data implements DatasetProvider<DataOptions> {
        @Override
        public String name() {
            return "linear-gaussian";
        }

        @Override
        public String description() {
            return "x ~ N(1, sd²)";
        }

        @Override
        public DataOptions defaultOptions() {
            return new DataOptions(2000, 2.0);
        }

        @Override
        public DataSplits load(DataOptions o, SeedStream seeds) {
            return new DataSplits(sample(o.size(), o.sd(), seeds.random(0)), sample(500, o.sd(), seeds.random(1)));
        }

        private static ArrayDataset sample(int n, double sd, SplittableRandom r) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double u1 = 1 - r.nextDouble();
                double u2 = r.nextDouble();
                x[i] = 1 + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
            return new ArrayDataset(HostArray.of(Shape.of(n, 1), x));
        }
    }
}
