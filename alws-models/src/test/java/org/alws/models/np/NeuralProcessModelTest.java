package org.alws.models.np;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Normal;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.Site;
import org.alws.api.model.SiteInfo;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.tensorflow.TensorFlowBackend;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The neural process: provider defaults and errors; its structure as a conditional model (one latent z, observed y,
 * inputs x and contextY, data rows [y | x | contextY]); its log joint on data rows against a hand computation of the
 * encoder and decoder in float64; a conditional prior that depends on the context only, and on it as a set; and a
 * guide that is the same encoder on all targets, reading the model's parameters without creating any.
 */
class NeuralProcessModelTest {
    private static final int L = 3;
    private static final int H = 6;
    private static final int C = 3;
    private static final int T = 5;
    private final NeuralProcessModelProvider provider = new NeuralProcessModelProvider();
    private final NeuralProcessModel model = provider.create(new NeuralProcessModelProvider.Options(L, H, C, T));

    @Test
    void providerDefaultsAreTheReferencesAndBadOptionsNameTheField() {
        assertThat(provider.name()).isEqualTo("neural-process");
        assertThat(provider.priority()).isLessThan(10);
        assertThat(provider.defaultOptions()).isEqualTo(new NeuralProcessModelProvider.Options(50, 50, 4, 8));
        assertThat(provider.create(provider.defaultOptions())).hasToString("neural-process(L=50, H=50, C=4, T=8)");
        assertThatThrownBy(() -> new NeuralProcessModelProvider.Options(0, 50, 4, 8))
                .isInstanceOf(ConfigException.class).hasMessage("latentDim: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new NeuralProcessModelProvider.Options(50, 0, 4, 8))
                .isInstanceOf(ConfigException.class).hasMessage("hidden: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new NeuralProcessModelProvider.Options(50, 50, 0, 8))
                .isInstanceOf(ConfigException.class).hasMessage("contextPoints: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> new NeuralProcessModelProvider.Options(50, 50, 8, 8))
                .isInstanceOf(ConfigException.class).hasMessage("targetPoints: got 8, expected an integer > "
                        + "contextPoints (8): the targets are the context points and more");
    }

    @Test
    void itIsAConditionalModelOfTheTargetsGivenTheirLocationsAndTheContext() {
        try (Workspace ws = float64()) {
            Parameters p = new Parameters(ws, SeedStream.root(2).child("init"), "model/");
            ModelStructure s = ModelStructure.inspect(model, p);
            assertThat(s.latentSites()).extracting(SiteInfo::name, SiteInfo::eventShape, SiteInfo::distribution)
                    .containsExactly(Tuple.tuple("z", Shape.of(L), "Normal"));
            assertThat(s.observed().name()).isEqualTo("y");
            assertThat(s.observed().eventShape()).isEqualTo(Shape.of(T));
            assertThat(s.inputs()).containsExactly(Map.entry("x", Shape.of(T)), Map.entry("contextY", Shape.of(C)));
            assertThat(s.conditional()).isTrue();
            assertThat(s.dataShape()).isEqualTo(Shape.of(2 * T + C));
            Map<String, Shape> expected = new LinkedHashMap<>();
            long[][] encoder = {{2, H}, {H, H}, {H, H}};
            for (int i = 0; i < 3; i++) {
                expected.put("encoder/w" + i, Shape.of(encoder[i]));
                expected.put("encoder/b" + i, Shape.of(H));
            }
            expected.put("encoder/wLoc", Shape.of(H, L));
            expected.put("encoder/bLoc", Shape.of(L));
            expected.put("encoder/wScale", Shape.of(H, L));
            expected.put("encoder/bScale", Shape.of(L));
            long[][] decoder = {{1 + L, H}, {H, H}, {H, H}};
            for (int i = 0; i < 3; i++) {
                expected.put("decoder/w" + i, Shape.of(decoder[i]));
                expected.put("decoder/b" + i, Shape.of(H));
            }
            expected.put("decoder/wOut", Shape.of(H, 2));
            expected.put("decoder/bOut", Shape.of(2));
            assertThat(s.parameters()).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void theLogJointOfADataRowIsTheHandComputedOne() {
        int n = 4;
        double[] rows = sineRows(n);
        SplittableRandom random = new SplittableRandom(5);
        double[] z = random.doubles(n * L, -1.5, 1.5).toArray();
        try (Workspace ws = float64()) {
            Parameters p = perturbedParameters(ws);
            ModelStructure s = ModelStructure.inspect(model, p);
            CompiledFunction score = ws.compile("score", List.of(TensorSpec.of(DType.FLOAT64, n, 2 * T + C),
                    TensorSpec.of(DType.FLOAT64, n, L)), (ops, in) -> {
                        Map<String, Tensor> given = new LinkedHashMap<>(s.splitData(ops, in.get(0)));
                        given.put("z", in.get(1));
                        TraceResult r = Traces.score(model, ops, p, given);
                        Site y = r.site("y");
                        return List.of(r.logJoint(), y.distribution().logProb(y.value()));
                    });
            List<HostArray> out = host(score.call(HostArray.of(Shape.of(n, 2 * T + C), rows),
                    HostArray.of(Shape.of(n, L), z)));
            HostNetworks networks = new HostNetworks(p.values());
            for (int e = 0; e < n; e++) {
                double[] y = slice(rows, e * (2 * T + C), T);
                double[] x = slice(rows, e * (2 * T + C) + T, T);
                double[] contextY = slice(rows, e * (2 * T + C) + 2 * T, C);
                double[] ze = slice(z, e * L, L);
                double[][] prior = networks.latent(slice(x, 0, C), contextY);
                double logJoint = 0;
                for (int j = 0; j < L; j++) {
                    logJoint += HostNetworks.logNormal(ze[j], prior[0][j], prior[1][j]);
                }
                for (int t = 0; t < T; t++) {
                    double[] obs = networks.observation(x[t], ze);
                    double logp = HostNetworks.logNormal(y[t], obs[0], obs[1]);
                    assertThat(out.get(1).get(e * T + t)).as("log p(y_%d | x, z) of row %d", t, e)
                            .isCloseTo(logp, within(1e-10));
                    logJoint += logp;
                }
                assertThat(out.get(0).get(e)).as("log joint of row %d", e).isCloseTo(logJoint, within(1e-10));
            }
        }
    }

    @Test
    void theConditionalPriorDependsOnTheContextAsASetAndOnNothingElse() {
        SplittableRandom random = new SplittableRandom(9);
        double[] x = random.doubles(T, -3, 3).toArray();
        double[] contextY = random.doubles(C, -1, 1).toArray();
        double[] otherY = contextY.clone();
        otherY[1] += 0.5;
        // The context's pairs in another order (x and y permuted together).
        int[] order = {2, 0, 1};
        double[] permutedX = x.clone();
        double[] permutedY = new double[C];
        for (int i = 0; i < C; i++) {
            permutedX[i] = x[order[i]];
            permutedY[i] = contextY[order[i]];
        }
        // A target location that is not a context point moved.
        double[] movedTarget = x.clone();
        movedTarget[T - 1] += 1.0;
        try (Workspace ws = float64()) {
            Parameters p = perturbedParameters(ws);
            CompiledFunction prior = ws.compile("prior", List.of(TensorSpec.of(DType.FLOAT64, 4, T),
                    TensorSpec.of(DType.FLOAT64, 4, C), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                        TraceResult r = Traces.run(model, ops, p, 4, Map.of("x", in.get(0), "contextY", in.get(1)),
                                in.get(2));
                        Normal z = (Normal) r.site("z").distribution();
                        return List.of(z.loc(), z.scale(), r.site("y").value(), r.site("z").value());
                    });
            double[] xs = concat(x, x, permutedX, movedTarget);
            double[] ys = concat(contextY, otherY, permutedY, contextY);
            List<HostArray> out = host(prior.call(HostArray.of(Shape.of(4, T), xs), HostArray.of(Shape.of(4, C), ys),
                    SeedStream.root(1).statelessSeed(0)));
            double[] loc = out.get(0).doubles();
            double[] scale = out.get(1).doubles();
            double[][] expected = new HostNetworks(p.values()).latent(slice(x, 0, C), contextY);
            for (int j = 0; j < L; j++) {
                assertThat(loc[j]).isCloseTo(expected[0][j], within(1e-12));
                assertThat(scale[j]).isCloseTo(expected[1][j], within(1e-12));
                assertThat(scale[j]).isBetween(0.1, 1.0);
                assertThat(loc[2 * L + j]).as("permuted context").isCloseTo(loc[j], within(1e-12));
                assertThat(loc[3 * L + j]).as("moved non-context target").isCloseTo(loc[j], within(1e-12));
            }
            double change = 0;
            for (int j = 0; j < L; j++) {
                change = Math.max(change, Math.abs(loc[L + j] - loc[j]));
            }
            assertThat(change).as("largest change of mu when a context value moves").isGreaterThan(1e-3);
            assertThat(out.get(2).shape()).isEqualTo(Shape.of(4, T));
            assertThat(out.get(2).allFinite()).isTrue();
            assertThat(out.get(3).shape()).isEqualTo(Shape.of(4, L));
        }
    }

    @Test
    void theGuideIsTheEncoderOnAllTargetsWithTheModelsParameters() {
        int n = 3;
        double[] rows = sineRows(n);
        try (Workspace ws = float64()) {
            Parameters p = perturbedParameters(ws);
            ModelStructure.inspect(model, p);
            Map<String, ?> before = p.variables();
            int variables = ws.variables().size();
            assertThat(model.sharesModelParameters()).isTrue();
            List<List<String>> reads = new ArrayList<>();
            CompiledFunction guide = ws.compile("guide", List.of(TensorSpec.of(DType.FLOAT64, n, 2 * T + C),
                    TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                        TraceResult r = Traces.sample(model.guide().given(in.get(0)), ops, p, n, in.get(1));
                        reads.add(new ArrayList<>(r.parameters().keySet()));
                        Normal z = (Normal) r.site("z").distribution();
                        return List.of(z.loc(), z.scale());
                    });
            List<HostArray> out = host(guide.call(HostArray.of(Shape.of(n, 2 * T + C), rows),
                    SeedStream.root(1).statelessSeed(0)));
            assertThat(p.variables()).as("the model's parameters after the guide ran").isEqualTo(before);
            assertThat(ws.variables()).as("the workspace's variables").hasSize(variables);
            assertThat(reads.get(0)).containsExactly("encoder/w0", "encoder/b0", "encoder/w1", "encoder/b1",
                    "encoder/w2", "encoder/b2", "encoder/wLoc", "encoder/bLoc", "encoder/wScale", "encoder/bScale");
            HostNetworks networks = new HostNetworks(p.values());
            for (int e = 0; e < n; e++) {
                double[] y = slice(rows, e * (2 * T + C), T);
                double[] x = slice(rows, e * (2 * T + C) + T, T);
                double[][] q = networks.latent(x, y);
                for (int j = 0; j < L; j++) {
                    assertThat(out.get(0).get(e * L + j)).isCloseTo(q[0][j], within(1e-12));
                    assertThat(out.get(1).get(e * L + j)).isCloseTo(q[1][j], within(1e-12));
                }
            }
            assertThatThrownBy(() -> ws.compile("bad-guide", List.of(TensorSpec.of(DType.FLOAT64, n, 2 * T),
                    TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                        Traces.sample(model.guide().given(in.get(0)), ops, p, n, in.get(1));
                        return List.of(in.get(0));
                    })).isInstanceOf(IllegalArgumentException.class).hasMessage("neural-process guide: data rows "
                            + "must be [y (5) | x (5) | contextY (3)] of length 13, got shape [3, 10]");
        }
    }

    static Workspace float64() {
        return new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    /** The model's parameters with every bias moved off zero, so that the hand computations see them. */
    Parameters perturbedParameters(Workspace ws) {
        Parameters p = new Parameters(ws, SeedStream.root(2).child("init"), "model/");
        ModelStructure s = ModelStructure.inspect(model, p);
        SplittableRandom random = new SplittableRandom(4);
        Map<String, HostArray> biases = new LinkedHashMap<>();
        s.parameters().forEach((name, shape) -> {
            if (name.contains("/b")) {
                biases.put(name, HostArray.of(shape, random.doubles(shape.intSize(), -0.3, 0.3).toArray()));
            }
        });
        p.setValues(biases);
        return p;
    }

    /** The first {@code n} training rows of sine functions with this test's C and T. */
    static double[] sineRows(int n) {
        return new SineFunctionsDataProvider().load(new SineFunctionsDataProvider.Options(n, 1, 100, C, T, 0.1,
                -0.5, 1.0, -0.5, 0.5), SeedStream.root(3)).train().all().doubles();
    }

    static double[] slice(double[] v, int from, int count) {
        double[] out = new double[count];
        System.arraycopy(v, from, out, 0, count);
        return out;
    }

    private static double[] concat(double[]... parts) {
        int size = 0;
        for (double[] p : parts) {
            size += p.length;
        }
        double[] out = new double[size];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static List<HostArray> host(List<DeviceArray> out) {
        List<HostArray> copies = new ArrayList<>();
        for (DeviceArray d : out) {
            copies.add(d.toHost());
            d.close();
        }
        return copies;
    }
}
