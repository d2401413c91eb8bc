package org.alws.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.alws.api.backend.Workspace;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.ScoreEstimator;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * Properties of the baselines on probabilistic PCA ({@link PpcaTestModel}, k = 2, D = 4), whose log p(x) and score
 * are exact, in float64.
 */
class PpcaPropertiesTest {
    private static final PpcaTestModel MODEL = PpcaTestModel.standard();

    /** Runs {@code body} with a fresh float64 workspace and a context on the PPCA model. */
    private static <T> T withContext(java.util.function.Function<LearnerContext, T> body) {
        try (Workspace ws = TestBackend.openFloat64()) {
            LearnerContext c = new StandardLearnerContext(ws, MODEL, SeedStream.root(11), new TestAdam(1e-3), null,
                    Shape.of(4), 50, 1000, 0);
            return body.apply(c);
        }
    }

    private static Map<String, HostArray> parameters() {
        return withContext(c -> c.modelParameters().values());
    }

    /** ‖ĝ − g‖ / ‖g‖ over all points and parameters. */
    static double relativeError(Map<String, HostArray> estimate, Map<String, HostArray> exact) {
        double num = 0;
        double den = 0;
        for (String p : exact.keySet()) {
            HostArray e = estimate.get(p);
            HostArray g = exact.get(p);
            assertThat(e.shape()).as("shape of the estimate of '%s'", p).isEqualTo(g.shape());
            for (int i = 0; i < g.size(); i++) {
                num += (e.get(i) - g.get(i)) * (e.get(i) - g.get(i));
                den += g.get(i) * g.get(i);
            }
        }
        return Math.sqrt(num / den);
    }

    /** Mean relative error of a learner's score estimates at {@code budget} over three seeds, each in a fresh run. */
    static double scoreError(java.util.function.Supplier<ScoreEstimator> learner, HostArray data, int budget) {
        Map<String, HostArray> exact = MODEL.score(data, parameters());
        double error = 0;
        for (long s = 0; s < 3; s++) {
            long seed = s;
            error += withContext(c -> relativeError(learner.get().estimateScores(c, data, budget, seed), exact)) / 3;
        }
        return error;
    }

    @Test
    void theExactScoreIsTheGradientOfTheExactLikelihood() {
        HostArray data = MODEL.sample(3, 5);
        Map<String, HostArray> p = parameters();
        Map<String, HostArray> score = MODEL.score(data, p);
        double h = 1e-6;
        for (String name : p.keySet()) {
            double[] v = p.get(name).doubles();
            for (int i = 0; i < v.length; i++) {
                double[] up = v.clone();
                double[] down = v.clone();
                up[i] += h;
                down[i] -= h;
                Map<String, HostArray> pu = new java.util.LinkedHashMap<>(p);
                Map<String, HostArray> pd = new java.util.LinkedHashMap<>(p);
                pu.put(name, HostArray.of(p.get(name).shape(), up));
                pd.put(name, HostArray.of(p.get(name).shape(), down));
                double[] lu = MODEL.logLikelihood(data, pu);
                double[] ld = MODEL.logLikelihood(data, pd);
                for (int m = 0; m < 3; m++) {
                    double fd = (lu[m] - ld[m]) / (2 * h);
                    assertThat(score.get(name).get(m * v.length + i)).as("∂ log p(x_%d) / ∂%s[%d]", m, name, i)
                            .isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @Test
    void iwaeWithOneParticleIsTheMonteCarloElbo() {
        HostArray data = MODEL.sample(100, 1);
        double[][] r = withContext(c -> new double[][] {
            new VaeLearner(VaeOptions.defaults().withAnalyticKl(false)).estimateBounds(c, data, 1, 7),
            new IwaeLearner(IwaeOptions.defaults().withParticles(1)).estimateBounds(c, data, 1, 7),
            new IwaeLearner(IwaeOptions.defaults().withParticles(1)).estimateBounds(c, data, 1, 8),
            new VaeLearner(VaeOptions.defaults().withAnalyticKl(false)).estimateBounds(c, data, 3, 7),
            new IwaeLearner(IwaeOptions.defaults()).estimateBounds(c, data, 3, 7)});
        int differentDraws = 0;
        int jensenStrict = 0;
        for (int m = 0; m < 100; m++) {
            assertThat(r[1][m]).as("IWAE (K = 1) against the Monte Carlo ELBO at point %d", m)
                    .isCloseTo(r[0][m], org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(r[0][m]))));
            differentDraws += r[2][m] != r[1][m] ? 1 : 0;
            // Same draws, K = 3: log mean exp ≥ mean (Jensen), strictly unless the weights are equal.
            assertThat(r[4][m]).as("IWAE (K = 3) >= ELBO (K = 3) at point %d", m).isGreaterThanOrEqualTo(
                    r[3][m] - 1e-12);
            jensenStrict += r[4][m] > r[3][m] + 1e-9 ? 1 : 0;
        }
        assertThat(differentDraws).as("points whose bound changes with the seed").isEqualTo(100);
        assertThat(jensenStrict).as("points where IWAE (K = 3) > ELBO (K = 3)").isEqualTo(100);
    }

    @Test
    void theIwaeBoundIsNonDecreasingInKAndBelowTheExactLikelihood() {
        HostArray data = MODEL.sample(200, 2);
        double exact = java.util.Arrays.stream(MODEL.logLikelihood(data, parameters())).average().orElseThrow();
        int[] ks = {1, 5, 50};
        double[] mean = new double[ks.length];
        withContext(c -> {
            for (int i = 0; i < ks.length; i++) {
                IwaeLearner l = new IwaeLearner(IwaeOptions.defaults().withParticles(ks[i]));
                for (long s = 0; s < 10; s++) {
                    mean[i] += java.util.Arrays.stream(l.estimateBounds(c, data, ks[i], 100 + s)).average()
                            .orElseThrow() / 10;
                }
            }
            return null;
        });
        System.out.printf("PPCA mean IWAE bound: K=1 %.4f, K=5 %.4f, K=50 %.4f, exact log p(x) %.4f%n", mean[0],
                mean[1], mean[2], exact);
        assertThat(mean[1]).as("L_5 vs L_1").isGreaterThan(mean[0]);
        assertThat(mean[2]).as("L_50 vs L_5").isGreaterThan(mean[1]);
        assertThat(mean[2]).as("L_50 vs the exact mean log p(x)").isLessThan(exact);
    }

    /**
     * Mean relative errors ‖ĝ − g‖ / ‖g‖ of the θ-gradient estimates against the exact score (20 points, three
     * seeds, each in a fresh run with the default 200 guide steps first). Measured: rws 0.355 at K = 10, 0.128 at
     * K = 1,000 (with no guide steps: 3.18 and 0.656); iwae 0.336 and 0.043; vae 0.557 at 10 samples, 0.368 at
     * 1,000; wake-sleep 0.606 at 1,000. The self-normalised importance-sampling estimators (rws, iwae) converge to
     * the exact gradient as K grows, even from a poor guide; vae's and wake-sleep's are gradients of the ELBO of a
     * mean-field guide on a correlated posterior, whose bias more samples do not remove. The bounds leave margins
     * of about a fifth or more over these figures.
     */
    @Test
    void scoreEstimatesAgainstTheExactScore() {
        HostArray data = MODEL.sample(20, 3);
        double rws10 = scoreError(() -> new RwsLearner(RwsOptions.defaults()), data, 10);
        double rws1000 = scoreError(() -> new RwsLearner(RwsOptions.defaults()), data, 1000);
        double rwsNoFit10 = scoreError(() -> new RwsLearner(RwsOptions.defaults().withGuideFitSteps(0)), data, 10);
        double rwsNoFit1000 = scoreError(() -> new RwsLearner(RwsOptions.defaults().withGuideFitSteps(0)), data,
                1000);
        double iwae10 = scoreError(() -> new IwaeLearner(IwaeOptions.defaults()), data, 10);
        double iwae1000 = scoreError(() -> new IwaeLearner(IwaeOptions.defaults()), data, 1000);
        double vae10 = scoreError(() -> new VaeLearner(VaeOptions.defaults()), data, 10);
        double vae1000 = scoreError(() -> new VaeLearner(VaeOptions.defaults()), data, 1000);
        double ws1000 = scoreError(() -> new WakeSleepLearner(WakeSleepOptions.defaults()), data, 1000);
        System.out.printf("PPCA score errors: rws %.4f -> %.4f, rws unfitted %.4f -> %.4f, iwae %.4f -> %.4f,"
                + " vae %.4f -> %.4f, wake-sleep %.4f%n", rws10, rws1000, rwsNoFit10, rwsNoFit1000, iwae10, iwae1000,
                vae10, vae1000, ws1000);
        assertThat(rws1000).as("rws error at K = 1000 vs %s at K = 10", rws10).isLessThan(rws10).isLessThan(0.16);
        assertThat(rwsNoFit1000).as("rws error without guide steps at K = 1000 vs %s at K = 10", rwsNoFit10)
                .isLessThan(rwsNoFit10 / 3).isLessThan(0.8);
        assertThat(iwae1000).as("iwae error at K = 1000 vs %s at K = 10", iwae10).isLessThan(iwae10)
                .isLessThan(0.06);
        assertThat(vae1000).as("vae error at 1000 samples vs %s at 10", vae10).isLessThan(vae10).isLessThan(0.45);
        assertThat(vae1000).as("vae's bias at 1000 samples vs iwae's error %s", iwae1000)
                .isGreaterThan(3 * iwae1000);
        assertThat(ws1000).as("wake-sleep error at 1000 samples").isLessThan(0.75);
    }
}
