package org.alws.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.alws.api.backend.Workspace;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * piwae, miwae and ciwae against the learners they reduce to, on probabilistic PCA ({@link PpcaTestModel}) in
 * float64 with the same seeds: MIWAE with M = 1 is the IWAE, CIWAE with β = 1 the VAE (Monte Carlo KL) and with
 * β = 0 the IWAE, and PIWAE's θ follows the IWAE and its guide the VAE; bounds and one step of plain gradient
 * descent (whose update is the gradient itself, so equal parameters mean equal gradients) agree to float
 * precision, while CIWAE with β = 0.5 lies strictly between the ELBO and the IWAE bound.
 */
class TighterBoundsTest {
    private static final PpcaTestModel MODEL = PpcaTestModel.standard();
    private static final int K = 5;
    private static final int BATCH = 25;

    private static LearnerContext context(Workspace ws) {
        return new StandardLearnerContext(ws, MODEL, SeedStream.root(13), new PlainSgd(0.01), null, Shape.of(4), BATCH,
                1000, 0);
    }

    /** Per-point bounds at K particles with a fixed seed. */
    private static double[] bounds(ParticleLearner learner, HostArray data) {
        try (Workspace ws = TestBackend.openFloat64()) {
            return learner.estimateBounds(context(ws), data, K, 41);
        }
    }

    /** After one step from the same seed: the loss, then the model's and the guide's parameters. */
    private record Step(double loss, Map<String, HostArray> model, Map<String, HostArray> guide) {
    }

    private static Step step(ParticleLearner learner, HostArray batch) {
        try (Workspace ws = TestBackend.openFloat64()) {
            LearnerContext c = context(ws);
            try (LearnerSession s = learner.start(c)) {
                double loss = s.step(batch, 3).loss();
                return new Step(loss, c.modelParameters().values(), c.parameters("guide").values());
            }
        }
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s [%d]", what, i)
                    .isCloseTo(expected[i], Offset.offset(1e-12 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    private static void assertClose(Map<String, HostArray> actual, Map<String, HostArray> expected, String what) {
        assertThat(actual.keySet()).as(what).isEqualTo(expected.keySet());
        for (String name : expected.keySet()) {
            assertClose(actual.get(name).doubles(), expected.get(name).doubles(), what + " '" + name + "'");
        }
    }

    private static void assertSameStep(Step actual, Step expected, String what) {
        assertThat(actual.loss()).as("%s: loss", what)
                .isCloseTo(expected.loss(), Offset.offset(1e-12 * Math.abs(expected.loss())));
        assertClose(actual.model(), expected.model(), what + ": model parameter");
        assertClose(actual.guide(), expected.guide(), what + ": guide parameter");
    }

    private static boolean differ(Map<String, HostArray> a, Map<String, HostArray> b) {
        for (String name : a.keySet()) {
            double[] x = a.get(name).doubles();
            double[] y = b.get(name).doubles();
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(x[i] - y[i]) > 1e-9) {
                    return true;
                }
            }
        }
        return false;
    }

    private static IwaeLearner iwae() {
        return new IwaeLearner(IwaeOptions.defaults().withParticles(K));
    }

    private static VaeLearner vae() {
        return new VaeLearner(VaeOptions.defaults().withParticles(K).withAnalyticKl(false));
    }

    @Test
    void miwaeWithOneGroupIsTheIwae() {
        HostArray data = MODEL.sample(BATCH, 4);
        MiwaeLearner miwae = new MiwaeLearner(MiwaeOptions.defaults().withGroups(1, K));
        assertClose(bounds(miwae, data), bounds(iwae(), data), "MIWAE (M = 1) bound against IWAE's");
        assertSameStep(step(miwae, data), step(iwae(), data), "MIWAE (M = 1) step against IWAE's");
        // Two groups of K are a different objective: the test can tell.
        MiwaeLearner two = new MiwaeLearner(MiwaeOptions.defaults().withGroups(2, K));
        assertThat(differ(step(two, data).model(), step(iwae(), data).model())).as("MIWAE (M = 2) differs").isTrue();
    }

    @Test
    void ciwaeIsTheVaeAtBetaOneAndTheIwaeAtBetaZero() {
        HostArray data = MODEL.sample(BATCH, 5);
        CiwaeLearner one = new CiwaeLearner(CiwaeOptions.defaults().withParticles(K).withBeta(1.0));
        CiwaeLearner zero = new CiwaeLearner(CiwaeOptions.defaults().withParticles(K).withBeta(0.0));
        CiwaeLearner half = new CiwaeLearner(CiwaeOptions.defaults().withParticles(K).withBeta(0.5));
        double[] elbo = bounds(vae(), data);
        double[] iwae = bounds(iwae(), data);
        assertClose(bounds(one, data), elbo, "CIWAE (β = 1) bound against the VAE's ELBO");
        assertClose(bounds(zero, data), iwae, "CIWAE (β = 0) bound against the IWAE's");
        assertSameStep(step(one, data), step(vae(), data), "CIWAE (β = 1) step against the VAE's");
        assertSameStep(step(zero, data), step(iwae(), data), "CIWAE (β = 0) step against the IWAE's");
        double[] mid = bounds(half, data);
        for (int m = 0; m < mid.length; m++) {
            assertThat(mid[m]).as("CIWAE (β = 0.5) at point %d: half-way between ELBO and IWAE", m)
                    .isCloseTo(0.5 * (elbo[m] + iwae[m]), Offset.offset(1e-12 * Math.abs(mid[m])))
                    .isGreaterThan(elbo[m] + 1e-9).isLessThan(iwae[m] - 1e-9);
        }
    }

    @Test
    void piwaeTrainsTheModelOnTheIwaeAndTheGuideOnTheElbo() {
        HostArray data = MODEL.sample(BATCH, 6);
        PiwaeLearner piwae = new PiwaeLearner(PiwaeOptions.defaults().withParticles(K, 1));
        Step p = step(piwae, data);
        Step i = step(iwae(), data);
        Step v = step(vae(), data);
        assertThat(p.loss()).as("PIWAE's loss (minus the IWAE bound)")
                .isCloseTo(i.loss(), Offset.offset(1e-12 * Math.abs(i.loss())));
        assertClose(p.model(), i.model(), "PIWAE's model parameters against IWAE's");
        assertClose(p.guide(), v.guide(), "PIWAE's guide parameters against the VAE's");
        assertThat(differ(p.guide(), i.guide())).as("PIWAE's guide step differs from IWAE's").isTrue();
        // K_φ = K: the guide follows the IWAE too, and the whole step is IWAE's.
        Step full = step(new PiwaeLearner(PiwaeOptions.defaults().withParticles(K, K)), data);
        assertClose(full.guide(), i.guide(), "PIWAE (K_φ = K) guide parameters against IWAE's");
    }
}
