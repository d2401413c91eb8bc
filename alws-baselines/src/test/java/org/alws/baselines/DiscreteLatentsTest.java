package org.alws.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.backend.Workspace;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.ScoreEstimator;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.learn.StepResult;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * rws and wake-sleep train a model with a categorical latent ({@link MixtureTestModel}) through the default
 * guide's Categorical head, and rws's score estimates approach the exact score.
 */
class DiscreteLatentsTest {

    private static HostArray data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = MixtureTestModel.MU[r.nextInt(3)] + r.nextGaussian();
        }
        return HostArray.of(Shape.of(n, 1), x);
    }

    private static double scoreError(ScoreEstimator learner, HostArray data, int budget) {
        MixtureTestModel model = new MixtureTestModel();
        try (Workspace ws = TestBackend.openFloat64()) {
            LearnerContext c = new StandardLearnerContext(ws, model, SeedStream.root(5), new TestAdam(1e-3), null,
                    Shape.of(1), 20, 1000, 0);
            Map<String, HostArray> exact = model.score(data, c.modelParameters().values());
            return PpcaPropertiesTest.relativeError(learner.estimateScores(c, data, budget, 9), exact);
        }
    }

    /** Measured relative error of rws (20 points, one seed): 0.250 at K = 10, 0.028 at K = 1,000. */
    @Test
    void rwsScoreEstimatesConvergeWithACategoricalLatent() {
        HostArray x = data(20, 1);
        double small = scoreError(new RwsLearner(RwsOptions.defaults()), x, 10);
        double large = scoreError(new RwsLearner(RwsOptions.defaults()), x, 1000);
        System.out.printf("mixture rws score error: %.4f at K=10, %.4f at K=1000%n", small, large);
        assertThat(large).as("rws error at K = 1000 vs %s at K = 10", small).isLessThan(small).isLessThan(0.05);
    }

    @Test
    void rwsAndWakeSleepTrainACategoricalLatent() {
        HostArray x = data(200, 2);
        for (ParticleLearner learner : new ParticleLearner[] {new RwsLearner(RwsOptions.defaults()),
            new RwsLearner(RwsOptions.defaults().withGuideUpdate(GuideUpdate.BOTH)),
            new WakeSleepLearner(WakeSleepOptions.defaults())}) {
            try (Workspace ws = TestBackend.openFloat64()) {
                LearnerContext c = new StandardLearnerContext(ws, new MixtureTestModel(), SeedStream.root(5),
                        new TestAdam(1e-2), null, Shape.of(1), 20, 200, 0);
                Map<String, HostArray> before = c.modelParameters().values();
                try (LearnerSession s = learner.start(c)) {
                    for (int i = 0; i < 10; i++) {
                        StepResult r = s.step(x.rows(i * 20, i * 20 + 20), i);
                        assertThat(r.finite()).as("%s step %d: %s", learner, i, r).isTrue();
                        assertThat(r.metrics()).as("%s metrics", learner).containsKey("elbo");
                    }
                }
                assertThat(c.modelParameters().values()).as("%s parameters after 10 steps", learner)
                        .isNotEqualTo(before);
            }
        }
    }
}
