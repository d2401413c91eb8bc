package org.alws.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.ServiceLoader;
import org.alws.api.ConfigException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.Workspace;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * vimco, nvil, piwae, miwae and ciwae: bad options give one line naming the field and the value, the bounds of
 * Rainforth et al. refuse discrete latents as vae and iwae do, the score-function learners accept them, and every
 * one is a registered plugin whose defaults make a learner.
 */
class BoundAndScoreFunctionMessagesTest {

    @Test
    void badOptionsAreRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> VimcoOptions.defaults().withParticles(0)).isInstanceOf(ConfigException.class)
                .hasMessage("particles: got 0, expected an integer >= 2");
        assertThatThrownBy(() -> VimcoOptions.defaults().withParticles(1)).isInstanceOf(ConfigException.class)
                .hasMessage("particles: got 1, expected an integer >= 2");
        assertThatThrownBy(() -> VimcoOptions.defaults().withBaseline(null)).isInstanceOf(ConfigException.class)
                .hasMessage("baseline: got null, expected one of geometric, arithmetic");
        assertThatThrownBy(() -> MiwaeOptions.defaults().withGroups(0, 5)).isInstanceOf(ConfigException.class)
                .hasMessage("groups: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> MiwaeOptions.defaults().withGroups(2, -1)).isInstanceOf(ConfigException.class)
                .hasMessage("particles: got -1, expected an integer >= 1");
        assertThatThrownBy(() -> PiwaeOptions.defaults().withParticles(0, 1)).isInstanceOf(ConfigException.class)
                .hasMessage("particles: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> PiwaeOptions.defaults().withParticles(8, 0)).isInstanceOf(ConfigException.class)
                .hasMessage("guideParticles: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> PiwaeOptions.defaults().withParticles(8, 3)).isInstanceOf(ConfigException.class)
                .hasMessage("guideParticles: got 3, expected a divisor of particles (8)");
        assertThatThrownBy(() -> CiwaeOptions.defaults().withParticles(0)).isInstanceOf(ConfigException.class)
                .hasMessage("particles: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> CiwaeOptions.defaults().withBeta(1.5)).isInstanceOf(ConfigException.class)
                .hasMessage("beta: got 1.5, expected a number in [0.0, 1.0]");
        assertThatThrownBy(() -> CiwaeOptions.defaults().withBeta(-0.1)).isInstanceOf(ConfigException.class)
                .hasMessage("beta: got -0.1, expected a number in [0.0, 1.0]");
        assertThatThrownBy(() -> CiwaeOptions.defaults().withBeta(Double.NaN)).isInstanceOf(ConfigException.class)
                .hasMessage("beta: got NaN, expected a number in [0.0, 1.0]");
        assertThatThrownBy(() -> NvilOptions.defaults().withBaselineHidden(0)).isInstanceOf(ConfigException.class)
                .hasMessage("baselineHidden: got 0, expected an integer >= 1");
        assertThatCode(() -> CiwaeOptions.defaults().withBeta(0.0).withBeta(1.0)).as("β at either end")
                .doesNotThrowAnyException();
    }

    @Test
    void theBoundsOfRainforthEtAlRefuseDiscreteLatentsAndTheScoreFunctionLearnersAcceptThem() {
        try (Workspace ws = TestBackend.openFloat64()) {
            LearnerContext c = new StandardLearnerContext(ws, new MixtureTestModel(), SeedStream.root(3),
                    new TestAdam(1e-3), null, Shape.of(1), 10, 100, 0);
            for (ParticleLearner l : List.of(new PiwaeLearner(PiwaeOptions.defaults()),
                    new MiwaeLearner(MiwaeOptions.defaults()), new CiwaeLearner(CiwaeOptions.defaults()))) {
                assertThatThrownBy(() -> l.start(c)).isInstanceOf(IncompatibleModelException.class)
                        .hasMessage("learner " + l.name() + " needs reparameterisable latents; site 'c' is"
                                + " Categorical; try rws, vimco or alws");
            }
            assertThatCode(() -> new VimcoLearner(VimcoOptions.defaults()).start(c).close()).as("vimco")
                    .doesNotThrowAnyException();
            assertThatCode(() -> new NvilLearner(NvilOptions.defaults()).start(c).close()).as("nvil")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"}) // the service interface is generic
    void everyNewLearnerIsARegisteredPluginWhoseDefaultsMakeALearner() {
        List<LearnerProvider> providers = ServiceLoader.load(LearnerProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertThat(providers.stream().map(LearnerProvider::name).toList())
                .contains("vimco", "nvil", "piwae", "miwae", "ciwae");
        for (LearnerProvider p : providers) {
            if (List.of("vimco", "nvil", "piwae", "miwae", "ciwae").contains(p.name())) {
                ParticleLearner l = (ParticleLearner) p.create(p.defaultOptions());
                assertThat(l.name()).as("the learner of provider %s", p.name()).isEqualTo(p.name());
            }
        }
    }
}
