package org.alws.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.Workspace;
import org.alws.api.contract.ConditionalLinearGaussian;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The particle learners on a conditional model ({@link ConditionalLinearGaussian}, data rows [x, c]): a guide that
 * shares the model's parameters makes the VAE's gradient that of log p(x | c) itself, creates no guide parameters and
 * is refused by learners with a separate guide objective; the default guide reads the whole data row and, once fitted,
 * its IWAE bound with many particles reaches the exact conditional log-likelihood.
 */
class ConditionalModelLearnersTest {
    private static final double S = 0.5;
    private static final HostArray DATA = ConditionalLinearGaussian.rows(8, 0.5, 0.5, S, 3);

    private static LearnerContext context(Workspace ws, GenerativeModel model) {
        return new StandardLearnerContext(ws, model, SeedStream.root(5), new PlainSgd(0.01), null,
                Shape.of(2), 8, 1000, 0);
    }

    @Test
    void vaeWithTheSharedExactPosteriorGuideEstimatesTheExactScore() {
        ConditionalLinearGaussian model = new ConditionalLinearGaussian(1.5, -0.5, S);
        try (Workspace ws = TestBackend.openFloat64()) {
            LearnerContext c = context(ws, model);
            Map<String, HostArray> estimate = new VaeLearner(VaeOptions.defaults().withAnalyticKl(false)).estimateScores(c, DATA, 3, 7);
            Map<String, HostArray> exact = model.score(DATA, c.modelParameters().values());
            for (String p : exact.keySet()) {
                // log p(x, z | c) − log q(z | x, c) equals log p(x | c) at every z here (with the Monte Carlo KL), so
                // the gradient of the ELBO is exact, with no Monte Carlo error.
                assertThat(estimate.get(p).doubles()).as(p)
                        .containsExactly(exact.get(p).doubles(), org.assertj.core.data.Offset.offset(1e-9));
            }
            assertThat(c.parameters(ParticleLearner.GUIDE_OWNER).variables()).as("guide parameters").isEmpty();
        }
    }

    @Test
    void aTrainingStepWithTheSharedGuideUpdatesOnlyTheModel() {
        ConditionalLinearGaussian model = new ConditionalLinearGaussian(1.5, -0.5, S);
        try (Workspace ws = TestBackend.openFloat64()) {
            LearnerContext c = context(ws, model);
            Map<String, HostArray> before = c.modelParameters().values();
            try (LearnerSession s = new VaeLearner(VaeOptions.defaults().withAnalyticKl(false)).start(c)) {
                double loss = s.step(DATA, 0).loss();
                double[] exact = model.logLikelihood(DATA, before);
                double mean = 0;
                for (double e : exact) {
                    mean += e / exact.length;
                }
                assertThat(loss).as("the loss is −log p(x | c) averaged over the batch").isCloseTo(-mean,
                        org.assertj.core.data.Offset.offset(1e-9));
            }
            assertThat(c.modelParameters().values().get("a").get(0)).isNotEqualTo(before.get("a").get(0));
            assertThat(c.parameters(ParticleLearner.GUIDE_OWNER).variables()).isEmpty();
        }
    }

    @Test
    void aLearnerWithItsOwnGuideObjectiveRefusesASharedGuide() {
        try (Workspace ws = TestBackend.openFloat64()) {
            LearnerContext c = context(ws, new ConditionalLinearGaussian(1.5, -0.5, S));
            assertThatThrownBy(() -> new RwsLearner(RwsOptions.defaults()).start(c).close())
                    .isInstanceOf(IncompatibleModelException.class)
                    .hasMessage("the model's guide shares the model's parameters, but this learner trains the guide "
                            + "on an objective of its own; use a learner with one objective for both, such as vae "
                            + "or iwae");
        }
    }

    @Test
    void theDefaultGuideReadsDataRowsAndIwaeReachesTheConditionalLikelihood() {
        ConditionalLinearGaussian exact = new ConditionalLinearGaussian(1.5, -0.5, S);
        GenerativeModel model = exact::run;
        try (Workspace ws = TestBackend.openFloat64()) {
            LearnerContext c = context(ws, model);
            IwaeLearner iwae = new IwaeLearner(IwaeOptions.defaults());
            iwae.fitGuide(c, iwae.guide(c), DATA, SeedStream.root(2), 1000);
            double[] bounds = iwae.estimateBounds(c, DATA, 4000, 11);
            double[] truth = exact.logLikelihood(DATA, c.modelParameters().values());
            // Importance-sampling noise at K = 4000 is a few hundredths; a misread input would cost far more (a c ~ 3).
            assertThat(bounds).containsExactly(truth, org.assertj.core.data.Offset.offset(0.06));
            assertThat(c.parameters(ParticleLearner.GUIDE_OWNER).variables()).as("the default guide's MLP")
                    .isNotEmpty();
        }
    }
}
