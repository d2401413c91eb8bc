package org.alws.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.ServiceLoader;
import org.alws.api.ConfigException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.Workspace;
import org.alws.api.dist.Beta;
import org.alws.api.dist.Normal;
import org.alws.api.dist.Uniform;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Guide;
import org.alws.api.model.Initializer;
import org.alws.api.model.ProvidesGuide;
import org.alws.api.model.Trace;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.baselines.guide.Activation;
import org.alws.baselines.guide.GuideOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad options, incompatible models and mismatched guides give one-line messages; the providers are registered. */
class LearnerMessagesTest {
    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = TestBackend.openFloat64();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private LearnerContext context(GenerativeModel model) {
        return new StandardLearnerContext(workspace, model, SeedStream.root(3), new TestAdam(1e-3), null, Shape.of(1),
                10, 100, 0);
    }

    /** z ~ N(0, 1), x ~ N(w z, 1), with a guide that samples {@code guideSites}. */
    record WithGuide(List<String> guideSites) implements GenerativeModel, ProvidesGuide {
        @Override
        public void run(Trace t) {
            Tensor w = t.param("w", Shape.of(1), Initializer.values(1.0));
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 1)), 1.0));
            t.observe("x", Normal.of(z.mul(w), 1.0));
        }

        @Override
        public Guide guide() {
            return (t, x) -> {
                for (String s : guideSites) {
                    t.sample(s, Normal.of(x.mul(0.5), 1.0));
                }
            };
        }
    }

    @Test
    void aGuideWhoseSitesDifferFromTheModelsIsRefusedNamingMissingAndExtraSites() {
        LearnerContext c = context(new WithGuide(List.of("u", "v")));
        assertThatThrownBy(() -> new RwsLearner(RwsOptions.defaults()).start(c))
                .isInstanceOf(IncompatibleModelException.class)
                .hasMessage("the guide's sites do not match the model's latent sites: missing [z], extra [u, v]");
        LearnerContext ok = context(new WithGuide(List.of("z")));
        new RwsLearner(RwsOptions.defaults()).start(ok).close();
        assertThat(ok.parameters("guide").variables()).as("a model's own guide (no parameters)").isEmpty();
    }

    @Test
    void nonPositiveParticleCountsAreRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> IwaeOptions.defaults().withParticles(0)).isInstanceOf(ConfigException.class)
                .hasMessage("particles: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> RwsOptions.defaults().withParticles(-3)).isInstanceOf(ConfigException.class)
                .hasMessage("particles: got -3, expected an integer >= 1");
        assertThatThrownBy(() -> VaeOptions.defaults().withParticles(0)).isInstanceOf(ConfigException.class)
                .hasMessage("particles: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new GuideOptions(0, 1, Activation.TANH)).isInstanceOf(ConfigException.class)
                .hasMessage("guideHidden: got 0, expected an integer >= 1");
    }

    @Test
    void vaeAndIwaeRefuseDiscreteLatentsAndSuggestOtherLearners() {
        LearnerContext c = context(new MixtureTestModel());
        assertThatThrownBy(() -> new VaeLearner(VaeOptions.defaults()).checkCompatible(c.structure()))
                .isInstanceOf(IncompatibleModelException.class)
                .hasMessage("learner vae needs reparameterisable latents; site 'c' is Categorical; try rws, vimco or"
                        + " alws");
        assertThatThrownBy(() -> new IwaeLearner(IwaeOptions.defaults()).start(c))
                .isInstanceOf(IncompatibleModelException.class)
                .hasMessage("learner iwae needs reparameterisable latents; site 'c' is Categorical; try rws, vimco or"
                        + " alws");
    }

    @Test
    void theDefaultGuideRefusesABoundedIntervalNamingTheSite() {
        GenerativeModel bounded = t -> {
            Tensor u = t.sample("u", Uniform.of(t.ops().zeros(Shape.of(t.batchSize(), 1)),
                    t.ops().ones(Shape.of(t.batchSize(), 1)).mul(2.0)));
            t.observe("x", Normal.of(u.mul(t.param("w", Shape.of(1), Initializer.values(1.0))), 1.0));
        };
        assertThatThrownBy(() -> new RwsLearner(RwsOptions.defaults()).start(context(bounded)))
                .isInstanceOf(IncompatibleModelException.class)
                .hasMessage("default guide: site 'u' (Uniform) has support INTERVAL, which it cannot propose; give"
                        + " the model a guide (ProvidesGuide)");
    }

    @Test
    void theDefaultGuideProposesUnitIntervalSitesWithABeta() {
        GenerativeModel unit = t -> {
            Tensor p = t.sample("p", Beta.of(t.ops().ones(Shape.of(t.batchSize(), 1)).mul(2.0),
                    t.ops().ones(Shape.of(t.batchSize(), 1)).mul(2.0)));
            t.observe("x", Normal.of(p.mul(t.param("w", Shape.of(1), Initializer.values(1.0))), 1.0));
        };
        LearnerContext c = context(unit);
        var session = new VaeLearner(VaeOptions.defaults()).start(c);
        var r = session.step(org.alws.api.tensor.HostArray.of(Shape.of(10, 1), new double[10]), 0);
        assertThat(r.finite()).as("a VAE step with a Beta guide: %s", r).isTrue();
        assertThat(c.parameters("guide").variables()).containsKeys("site/p/alpha/w", "site/p/beta/w");
    }

    @Test
    @SuppressWarnings("rawtypes") // the service interface is generic
    void everyBaselineIsARegisteredLearnerPlugin() {
        List<String> names = ServiceLoader.load(LearnerProvider.class).stream().map(p -> p.get().name()).toList();
        assertThat(names).contains("vae", "iwae", "rws", "wake-sleep");
    }
}
