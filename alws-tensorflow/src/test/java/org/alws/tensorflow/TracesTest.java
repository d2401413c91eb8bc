package org.alws.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Bernoulli;
import org.alws.api.dist.Categorical;
import org.alws.api.dist.Laplace;
import org.alws.api.dist.Normal;
import org.alws.api.dist.Support;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.SiteKind;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Model programs run through {@link Traces} on the TensorFlow backend: sampling and scoring agree, partially given
 * runs draw the rest and score the data, misuse gets the exact messages, {@link Parameters} are created once with
 * seed-determined initial values independent of creation order, and {@link ModelStructure} describes sites and
 * parameters correctly.
 */
class TracesTest {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private Workspace ws;
    private Parameters params;

    /** z ~ N(μ, 1) in R², x | z ~ N(2z + b, 0.5²) in R². */
    private static final GenerativeModel TWO_SITES = t -> {
        TensorOps ops = t.ops();
        Tensor mu = t.param("mu", Shape.of(2), Initializer.values(0.5, -1.0));
        Tensor b = t.param("b", Shape.of(2), Initializer.normal(0.3));
        Tensor z = t.sample("z", Normal.of(ops.zeros(Shape.of(t.batchSize(), 2)).add(mu), 1.0));
        t.observe("x", Normal.of(z.mul(2.0).add(b), 0.5));
    };

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
        params = new Parameters(ws, SeedStream.root(11).child("init"), "model/");
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static HostArray seed(long a) {
        return HostArray.ofLongs(Shape.of(2), new long[] {a, 99});
    }

    private static double normalLog(double x, double mu, double s) {
        double z = (x - mu) / s;
        return -0.5 * z * z - Math.log(s) - HALF_LOG_2PI;
    }

    @Test
    void scoringTheSampledValuesGivesTheSameLogProbabilities() {
        int batch = 6;
        List<HostArray> drawn = Traced.run(ws, List.of(seed(1)), (ops, in) -> {
            TraceResult r = Traces.sample(TWO_SITES, ops, params, batch, in.get(0));
            assertThat(r.sites().keySet()).containsExactly("z", "x");
            assertThat(r.latentSites()).extracting(s -> s.name()).containsExactly("z");
            assertThat(r.observed().name()).isEqualTo("x");
            return List.of(r.site("z").value(), r.site("x").value(), r.site("z").logProb(), r.site("x").logProb(),
                    r.logJoint(), r.logPrior(), r.logLikelihood());
        });
        List<HostArray> scored = Traced.run(ws, List.of(drawn.get(0), drawn.get(1)), (ops, in) -> {
            TraceResult r = Traces.score(TWO_SITES, ops, params, Map.of("z", in.get(0), "x", in.get(1)));
            assertThat(r.batchSize()).isEqualTo(batch);
            return List.of(r.site("z").logProb(), r.site("x").logProb(), r.logJoint());
        });
        assertThat(drawn.get(0).shape()).isEqualTo(Shape.of(batch, 2));
        assertThat(scored.get(0).doubles()).containsExactly(drawn.get(2).doubles(), within(1e-12));
        assertThat(scored.get(1).doubles()).containsExactly(drawn.get(3).doubles(), within(1e-12));
        assertThat(scored.get(2).doubles()).containsExactly(drawn.get(4).doubles(), within(1e-12));
        // And both agree with the closed form at the current parameters.
        double[] mu = ws.read(params.variables().get("mu")).doubles();
        double[] b = ws.read(params.variables().get("b")).doubles();
        double[] z = drawn.get(0).doubles();
        double[] x = drawn.get(1).doubles();
        for (int n = 0; n < batch; n++) {
            double lz = 0;
            double lx = 0;
            for (int j = 0; j < 2; j++) {
                lz += normalLog(z[n * 2 + j], mu[j], 1);
                lx += normalLog(x[n * 2 + j], 2 * z[n * 2 + j] + b[j], 0.5);
            }
            assertThat(drawn.get(2).get(n)).isCloseTo(lz, within(1e-12));
            assertThat(drawn.get(3).get(n)).isCloseTo(lx, within(1e-12));
            assertThat(drawn.get(5).get(n)).isCloseTo(lz, within(1e-12));
            assertThat(drawn.get(6).get(n)).isCloseTo(lx, within(1e-12));
            assertThat(drawn.get(4).get(n)).isCloseTo(lz + lx, within(1e-12));
        }
    }

    @Test
    void runningWithTheDataGivenDrawsTheLatentAndScoresTheData() {
        HostArray data = HostArray.of(Shape.of(3, 2), new double[] {0.1, -0.4, 2.0, 1.5, -3.0, 0.0});
        var f = ws.compile("posterior-free", List.of(TensorSpec.of(DType.INT64, 2), TensorSpec.of(data)), (ops, in) -> {
            TraceResult r = Traces.run(TWO_SITES, ops, params, 3, Map.of("x", in.get(1)), in.get(0));
            assertThat(r.site("z").kind()).isEqualTo(SiteKind.LATENT);
            assertThat(r.site("x").kind()).isEqualTo(SiteKind.OBSERVED);
            return List.of(r.site("z").value(), r.site("x").value(), r.logLikelihood());
        });
        List<HostArray> a = Traced.copy(f.call(seed(1), data));
        List<HostArray> b = Traced.copy(f.call(seed(2), data));
        assertThat(a.get(1)).isEqualTo(data);
        assertThat(a.get(0).allFinite()).isTrue();
        assertThat(a.get(0)).isNotEqualTo(b.get(0));
        assertThat(Traced.copy(f.call(seed(1), data)).get(0)).isEqualTo(a.get(0));
        double[] bias = ws.read(params.variables().get("b")).doubles();
        for (List<HostArray> run : List.of(a, b)) {
            double[] z = run.get(0).doubles();
            for (int n = 0; n < 3; n++) {
                double lx = 0;
                for (int j = 0; j < 2; j++) {
                    lx += normalLog(data.get(n * 2 + j), 2 * z[n * 2 + j] + bias[j], 0.5);
                }
                assertThat(run.get(2).get(n)).isCloseTo(lx, within(1e-12));
            }
        }
    }

    private void assertTraceFails(GenerativeModel model, int batch, Map<String, HostArray> given, String message) {
        List<HostArray> inputs = new ArrayList<>(given.values());
        List<String> names = new ArrayList<>(given.keySet());
        inputs.add(seed(3));
        List<TensorSpec> specs = inputs.stream().map(TensorSpec::of).toList();
        assertThatThrownBy(() -> ws.compile("bad" + message.hashCode(), specs, (ops, in) -> {
            java.util.Map<String, Tensor> values = new java.util.LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), in.get(i));
            }
            Traces.run(model, ops, params, batch, values, in.get(in.size() - 1));
            return List.of(in.get(0));
        })).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void misuseIsReportedWithExactMessages() {
        assertTraceFails(t -> {
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize())), 1.0));
            t.observe("z", Normal.of(z, 1.0));
        }, 4, Map.of(), "the name 'z' is used twice in the model program");
        assertTraceFails(t -> {
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize())), 1.0));
            t.factor("z", z.sum());
        }, 4, Map.of(), "the name 'z' is used twice in the model program");
        assertTraceFails(t -> t.sample("z", Normal.of(t.ops().zeros(Shape.of(3, 2)), 1.0)), 4, Map.of(),
                "site 'z': its Normal has shape [3, 2] but its first axis must be the batch of 4");
        assertTraceFails(t -> t.sample("z", Laplace.of(t.ops().scalar(0.0), t.ops().scalar(1.0))), 4, Map.of(),
                "site 'z': its Laplace has shape [] but its first axis must be the batch of 4");
        assertTraceFails(t -> t.factor("f", t.ops().vector(1, 2)), 4, Map.of(),
                "factor 'f' must be a scalar, has shape [2]");
        assertTraceFails(TWO_SITES, 4, Map.of("x", HostArray.zeros(Shape.of(4, 3), DType.FLOAT64)),
                "site 'x': the given value has shape [4, 3] but its Normal has shape [4, 2]");
        assertTraceFails(TWO_SITES, 4, Map.of("y", HostArray.zeros(Shape.of(4, 2), DType.FLOAT64)),
                "a value was given for 'y' but the model has no such site; sites are [z, x]");
        assertThatThrownBy(() -> ws.compile("score-none", List.of(), (ops, in) -> {
            Traces.score(TWO_SITES, ops, params, Map.of());
            return List.of();
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("no values to score");
        assertThatThrownBy(() -> ws.compile("no-seed", List.of(), (ops, in) -> {
            Traces.run(TWO_SITES, ops, params, 2, Map.of(), null);
            return List.of();
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("site 'z' has no given value and no seed to draw it");
        assertThatThrownBy(() -> ws.compile("disagree", List.of(), (ops, in) -> {
            Map<String, Tensor> values = new java.util.LinkedHashMap<>();
            values.put("z", ops.zeros(Shape.of(4, 2)));
            values.put("x", ops.zeros(Shape.of(3, 2)));
            Traces.score(TWO_SITES, ops, params, values);
            return List.of();
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("site values disagree on the batch size: 'x' has 3, others have 4");
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void aParameterIsCreatedOnceAndKeepsItsValue() {
        Variable v = params.variable("w", Shape.of(2), Initializer.values(1, 2));
        assertThat(params.variable("w", Shape.of(2), Initializer.values(7, 8))).isSameAs(v);
        assertThat(ws.variables()).containsExactly(v);
        assertThat(v.name()).isEqualTo("model/w");
        assertThat(ws.read(v).doubles()).containsExactly(1, 2);
        // Another owner object with the same prefix finds the variable instead of re-initialising it.
        Parameters again = new Parameters(ws, SeedStream.root(999), "model/");
        assertThat(again.variable("w", Shape.of(2), Initializer.values(7, 8))).isSameAs(v);
        assertThat(ws.read(v).doubles()).containsExactly(1, 2);
        assertThatThrownBy(() -> params.variable("w", Shape.of(3), Initializer.zeros()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'model/w' requested with shape [3] but has shape [2]");
        assertThatThrownBy(() -> params.setValues(Map.of("nope", HostArray.scalar(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown parameters [nope]; known: [w]");
        params.setValues(Map.of("w", HostArray.vector(3, 4)));
        assertThat(params.values().get("w").doubles()).containsExactly(3, 4);
    }

    @Test
    void initialValuesComeFromTheSeedStreamWhateverTheCreationOrder() {
        SeedStream seeds = SeedStream.root(5).child("init");
        Initializer init = Initializer.normal(1.0);
        Map<String, HostArray> first;
        Map<String, HostArray> second;
        Map<String, HostArray> other;
        try (Workspace a = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
                Workspace b = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
                Workspace c = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64))) {
            Parameters pa = new Parameters(a, seeds, "model/");
            pa.variable("alpha", Shape.of(3), init);
            pa.variable("beta", Shape.of(2, 2), init);
            Parameters pb = new Parameters(b, SeedStream.root(5).child("init"), "model/");
            pb.variable("beta", Shape.of(2, 2), init);
            pb.variable("alpha", Shape.of(3), init);
            Parameters pc = new Parameters(c, SeedStream.root(6).child("init"), "model/");
            pc.variable("alpha", Shape.of(3), init);
            pc.variable("beta", Shape.of(2, 2), init);
            first = pa.values();
            second = pb.values();
            other = pc.values();
        }
        assertThat(second.get("alpha")).isEqualTo(first.get("alpha"));
        assertThat(second.get("beta")).isEqualTo(first.get("beta"));
        assertThat(first.get("alpha").doubles())
                .containsExactly(init.values(Shape.of(3), seeds.child("alpha").random(0)));
        assertThat(first.get("beta").doubles())
                .containsExactly(init.values(Shape.of(2, 2), seeds.child("beta").random(0)));
        assertThat(other.get("alpha")).isNotEqualTo(first.get("alpha"));
    }

    // ---------------------------------------------------------------- structure

    @Test
    void inspectionDescribesSitesParametersAndFactors() {
        GenerativeModel model = t -> {
            TensorOps ops = t.ops();
            int n = t.batchSize();
            Tensor w = t.param("w", Shape.of(2, 4), Initializer.glorotUniform());
            Tensor logits = t.param("logits", Shape.of(3), Initializer.zeros());
            Tensor z = t.sample("z", Normal.of(ops.zeros(Shape.of(n, 2)), 1.0));
            t.sample("c", Categorical.ofLogits(ops.zeros(Shape.of(n, 3)).add(logits)));
            t.sample("l", Laplace.of(ops.zeros(Shape.of(n)), ops.ones(Shape.of(n))));
            t.observe("x", Bernoulli.ofLogits(z.matmul(w)));
            t.factor("prior", w.square().sum().mul(-0.5));
        };
        ModelStructure s = ModelStructure.inspect(model, params);
        assertThat(s.sites()).containsExactly(
                new SiteInfo("z", SiteKind.LATENT, "Normal", Shape.of(2), DType.FLOAT64, Support.REAL, true, true),
                new SiteInfo("c", SiteKind.LATENT, "Categorical", Shape.scalar(), DType.INT32, Support.CATEGORICAL,
                        false, true, 3),
                new SiteInfo("l", SiteKind.LATENT, "Laplace", Shape.scalar(), DType.FLOAT64, Support.REAL, true, false),
                new SiteInfo("x", SiteKind.OBSERVED, "Bernoulli", Shape.of(4), DType.FLOAT64, Support.BINARY, false,
                        true));
        assertThat(s.parameters()).containsExactly(Map.entry("w", Shape.of(2, 4)), Map.entry("logits", Shape.of(3)));
        assertThat(s.factors()).containsExactly("prior");
        assertThat(s.latentSites()).extracting(SiteInfo::name).containsExactly("z", "c", "l");
        assertThat(s.observed().name()).isEqualTo("x");
        // Inspection created the parameters in the workspace.
        assertThat(ws.variables()).extracting(Variable::name).containsExactly("model/w", "model/logits");

        GenerativeModel twoObserved = t -> {
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize())), 1.0));
            t.observe("x", Normal.of(z, 1.0));
            t.observe("y", Normal.of(z, 1.0));
        };
        ModelStructure two = ModelStructure.inspect(twoObserved, params);
        assertThatThrownBy(two::observed).isInstanceOf(IncompatibleModelException.class)
                .hasMessage("the model must observe exactly one site, it observes 2 [x, y]");
        ModelStructure none = ModelStructure.inspect(t -> t.sample("z", Normal.of(t.ops().zeros(Shape.of(
                t.batchSize())), 1.0)), params);
        assertThatThrownBy(none::observed).isInstanceOf(IncompatibleModelException.class)
                .hasMessage("the model must observe exactly one site, it observes 0");
    }
}
