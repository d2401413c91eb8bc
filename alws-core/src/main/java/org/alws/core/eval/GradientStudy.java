package org.alws.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.Backend;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.learn.Learner;
import org.alws.api.learn.ScoreEstimator;
import org.alws.api.model.ExactScore;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.core.optim.Sgd;
import org.alws.core.optim.SgdOptions;
import org.alws.api.learn.StandardLearnerContext;

/**
 * The gradient-estimation study: a learner's per-point estimates of ∇θ log p(x) against a model's exact score, at
 * the model's initial parameters, scored by the relative error ‖Ĝ − G‖ / ‖G‖ over all points and parameters and
 * by the mean cosine between ĝ(x_m) and g(x_m).
 */
public final class GradientStudy {
    private GradientStudy() {
    }

    /**
     * One setting of the study.
     *
     * @param labels the setting's coordinates for reports (e.g. b1, b2, sigma_x)
     * @param model a model with an exact score, at the parameters to estimate the gradient at
     * @param points the data points [M, ...] the gradient is estimated at
     */
    public record Setting(Map<String, Double> labels, GenerativeModel model, HostArray points) {
        public Setting {
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    /**
     * One estimate and its errors.
     *
     * @param learner the learner's name
     * @param regressor the regressor's name (empty if the learner uses none)
     * @param labels the setting's coordinates
     * @param n the sample budget (sleep samples or particles)
     * @param seed the seed of the estimate
     * @param relativeError ‖Ĝ − G‖ / ‖G‖ over all points and parameters
     * @param cosine mean over points of cos(ĝ(x_m), g(x_m))
     * @param seconds wall time of the estimate
     */
    public record Row(String learner, String regressor, Map<String, Double> labels, int n, long seed,
            double relativeError, double cosine, double seconds) {
    }

    /**
     * Estimates the score at every point of a setting and compares it with the exact score. Every call opens its own
     * workspace, so the model's and the learner's parameters (a baseline's guide, a regressor's learned
     * hyper-parameters) start from their initial values drawn from {@code seed}: a result does not depend on which
     * estimates ran before it. The wall time covers the learner's whole estimate (compilation, guide fitting or
     * hyper-parameter tuning included), not the exact score.
     *
     * @param regressor the regressor given to the learner, or null for a learner that uses none
     */
    public static Row run(Setting setting, Backend backend, DType dtype, String learnerName, Learner learner,
            String regressorName, Regressor regressor, int n, long seed) {
        if (!(learner instanceof ScoreEstimator estimator)) {
            throw new IncompatibleModelException("learner " + learnerName + " cannot estimate per-point gradients");
        }
        if (!(setting.model() instanceof ExactScore exact)) {
            throw new IncompatibleModelException("the gradient study needs a model with an exact score; "
                    + setting.model().getClass().getSimpleName() + " has none");
        }
        try (Workspace ws = backend.open(WorkspaceOptions.defaults().withFloatType(dtype))) {
            HostArray points = setting.points();
            int m = Math.toIntExact(points.shape().dim(0));
            StandardLearnerContext ctx = new StandardLearnerContext(ws, setting.model(), SeedStream.root(seed),
                    new Sgd(new SgdOptions(1e-3, 0, false)), regressor, points.shape().tail(1), m, m, 0);
            Map<String, HostArray> truth = exact.score(points, ctx.modelParameters().values());
            long t0 = System.nanoTime();
            Map<String, HostArray> estimate = estimator.estimateScores(ctx, points, n, seed);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!estimate.keySet().equals(truth.keySet())) {
                throw new IllegalStateException("the estimate covers parameters " + estimate.keySet()
                        + " but the exact score covers " + truth.keySet());
            }
            double[][] g = perPoint(truth, truth.keySet(), m);
            double[][] e = perPoint(estimate, truth.keySet(), m);
            double num = 0;
            double den = 0;
            double cos = 0;
            for (int i = 0; i < m; i++) {
                double dot = 0;
                double ee = 0;
                double gg = 0;
                for (int j = 0; j < g[i].length; j++) {
                    double d = e[i][j] - g[i][j];
                    num += d * d;
                    den += g[i][j] * g[i][j];
                    dot += e[i][j] * g[i][j];
                    ee += e[i][j] * e[i][j];
                    gg += g[i][j] * g[i][j];
                }
                cos += dot / Math.sqrt(ee * gg) / m;
            }
            return new Row(learnerName, regressorName, setting.labels(), n, seed, Math.sqrt(num / den), cos,
                    seconds);
        }
    }

    /**
     * The structure of a setting's model (its sites and parameters), traced once in a workspace of its own, for
     * checking that a learner can handle the model ({@link Learner#checkCompatible}) before running it.
     */
    public static ModelStructure structure(Setting setting, Backend backend, DType dtype) {
        try (Workspace ws = backend.open(WorkspaceOptions.defaults().withFloatType(dtype))) {
            return ModelStructure.inspect(setting.model(),
                    new Parameters(ws, SeedStream.root(0).child("init").child("model"), "model/"));
        }
    }

    /** Concatenates the per-parameter arrays [M, ...] into one vector per point, in key order. */
    private static double[][] perPoint(Map<String, HostArray> byParameter, java.util.Set<String> order, int m) {
        List<double[]> parts = new ArrayList<>();
        int width = 0;
        for (String key : order) {
            HostArray a = byParameter.get(key);
            parts.add(a.doubles());
            width += a.size() / m;
        }
        double[][] out = new double[m][width];
        int offset = 0;
        for (double[] p : parts) {
            int w = p.length / m;
            for (int i = 0; i < m; i++) {
                System.arraycopy(p, i * w, out[i], offset, w);
            }
            offset += w;
        }
        return out;
    }
}
