package org.alws.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.dist.Categorical;
import org.alws.api.dist.Distribution;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.Site;
import org.alws.api.model.SiteKind;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link GenerativeModel} plugin passes, run on the highest-priority available backend in
 * float64: sampling draws finite, correctly shaped, batched values; scoring those values reproduces their
 * log-probabilities; draws are a pure function of the seed; exactly one site is observed; the log joint has finite
 * gradients for every parameter that match central finite differences; and parameters survive a save/load round
 * trip. A model that implements {@link ExactLikelihood} is tested with {@link ExactLikelihoodContract}, which also
 * checks the likelihood against a Monte Carlo estimate from prior draws (this contract fails for it otherwise). A
 * conditional model (with {@linkplain org.alws.api.model.Trace#input inputs}) gives their values with
 * {@link #inputs(int)}.
 *
 * <p><b>How to use.</b> Put {@code org.alws:alws-api} with {@code <type>test-jar</type>}, JUnit Jupiter, AssertJ
 * and a backend (e.g. {@code org.alws:alws-tensorflow}) on your test class path, each with test scope, and write
 * {@code class MyModelContractTest extends ModelContract { protected GenerativeModel model() { return new
 * MyModel(...); } }}. Keep the model small (its options, not its code): the gradient check perturbs parameters
 * through the workspace, a few elements per parameter. Override the hooks to adapt: {@link #batchSize()},
 * {@link #seed()}, {@link #gradientCheckElements()}, {@link #gradientTolerance()}, {@link #inputs(int)}. To switch
 * off a single check, override its method and annotate it with {@code @Disabled("reason")}.
 */
public abstract class ModelContract {
    private static final AtomicInteger NAMES = new AtomicInteger();
    Workspace workspace;
    Parameters parameters;
    GenerativeModel model;
    private final List<Workspace> others = new ArrayList<>();

    /** The model under test, with small options. Called once per test. */
    protected abstract GenerativeModel model();

    /**
     * Values of a conditional model's {@linkplain org.alws.api.model.Trace#input inputs} for {@code batch} examples,
     * each [batch] + its event shape; empty (the default) for an unconditional model.
     */
    protected Map<String, HostArray> inputs(int batch) {
        return Map.of();
    }

    /** Number of joint draws per sampling run. */
    protected int batchSize() {
        return 8;
    }

    /** The root seed of parameter initialisation and of the draws. */
    protected long seed() {
        return 20_200_211L;
    }

    /** How many elements of each parameter the finite-difference check perturbs (all when fewer). */
    protected int gradientCheckElements() {
        return 10;
    }

    /** The largest accepted |analytic − finite difference| / max(1, |analytic|, |finite difference|). */
    protected double gradientTolerance() {
        return 1e-5;
    }

    @BeforeEach
    public void openContractWorkspace() {
        model = model();
        workspace = ContractBackend.openFloat64();
        parameters = parametersIn(workspace, seed());
    }

    @AfterEach
    public void closeContractWorkspaces() {
        for (Workspace w : others) {
            w.close();
        }
        others.clear();
        if (workspace != null) {
            workspace.close();
        }
    }

    private static Parameters parametersIn(Workspace ws, long seed) {
        return new Parameters(ws, SeedStream.root(seed).child("init"), "model/");
    }

    private Workspace another() {
        Workspace w = ContractBackend.openFloat64();
        others.add(w);
        return w;
    }

    HostArray drawSeed(long counter) {
        return SeedStream.root(seed()).child("contract").statelessSeed(counter);
    }

    static String name(String what) {
        return "contract/" + what + NAMES.incrementAndGet();
    }

    static List<HostArray> copy(List<DeviceArray> out) {
        List<HostArray> host = new ArrayList<>(out.size());
        for (DeviceArray d : out) {
            host.add(d.toHost());
            d.close();
        }
        return host;
    }

    /** One site of a joint draw: what the trace recorded, and the value and log-probability it produced. */
    record Drawn(String name, SiteKind kind, Distribution distribution, HostArray value, HostArray logProb) {
    }

    /** A joint draw of {@code batch} examples in the given workspace and parameters. */
    List<Drawn> draw(Workspace ws, Parameters p, int batch, HostArray seed) {
        List<Site> sites = new ArrayList<>();
        CompiledFunction f = ws.compile(name("sample"), List.of(TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
            TraceResult r = Traces.run(model, ops, p, batch, constants(ops, inputs(batch)), in.get(0));
            sites.addAll(r.sites().values());
            List<Tensor> out = new ArrayList<>();
            for (Site s : sites) {
                out.add(s.value());
                out.add(s.logProb());
            }
            return out;
        });
        List<HostArray> out = copy(f.call(seed));
        List<Drawn> drawn = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            drawn.add(new Drawn(s.name(), s.kind(), s.distribution(), out.get(2 * i), out.get(2 * i + 1)));
        }
        return drawn;
    }

    /**
     * Compiles the scoring of the given site values: outputs the per-site log-probabilities, the per-example log
     * joint, the objective Σ log p(z, x) + factors and, if asked, its gradient for every parameter the program
     * reads (their local names are put in {@code parameterNames}).
     */
    private CompiledFunction scorer(Workspace ws, Parameters p, List<Drawn> sites, boolean gradients,
            List<String> parameterNames) {
        List<TensorSpec> specs = new ArrayList<>();
        for (Drawn d : sites) {
            specs.add(TensorSpec.of(d.value()));
        }
        return ws.compile(name("score"), specs, (ops, in) -> {
            Map<String, Tensor> values = constants(ops, inputs(Math.toIntExact(sites.get(0).value().shape().dim(0))));
            for (int i = 0; i < sites.size(); i++) {
                values.put(sites.get(i).name(), in.get(i));
            }
            TraceResult r = Traces.score(model, ops, p, values);
            List<Tensor> out = new ArrayList<>();
            for (Drawn d : sites) {
                out.add(r.site(d.name()).logProb());
            }
            Tensor joint = r.logJoint();
            Tensor objective = joint.sum().add(r.factorTotal().cast(joint.dtype()));
            out.add(joint);
            out.add(objective);
            if (gradients) {
                parameterNames.addAll(r.parameters().keySet());
                out.addAll(ops.gradients(objective, new ArrayList<>(r.parameters().values())));
            }
            return out;
        });
    }

    private static Map<String, Tensor> constants(org.alws.api.tensor.TensorOps ops, Map<String, HostArray> values) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, ops.constant(v)));
        return out;
    }

    private static List<HostArray> values(List<Drawn> sites) {
        return sites.stream().map(Drawn::value).toList();
    }

    @Test
    public void samplingDrawsFiniteBatchedValuesOfTheDeclaredShapes() {
        int batch = batchSize();
        List<Drawn> sites = draw(workspace, parameters, batch, drawSeed(0));
        assertThat(sites).as("sites of the model").isNotEmpty();
        for (Drawn d : sites) {
            String what = "site '" + d.name() + "' (" + d.distribution().name() + ")";
            Shape declared = d.distribution().shape();
            assertThat(declared.rank()).as(what + ": rank of its shape").isPositive();
            assertThat(declared.dim(0)).as(what + ": batch axis").isEqualTo(batch);
            assertThat(d.value().shape()).as(what + ": shape of the draw").isEqualTo(declared);
            assertThat(d.value().dtype()).as(what + ": type of the draw").isEqualTo(d.distribution().dtype());
            assertThat(d.value().allFinite()).as(what + ": finite draws").isTrue();
            assertThat(d.logProb().shape()).as(what + ": log-probability shape").isEqualTo(Shape.of(batch));
            assertThat(d.logProb().allFinite()).as(what + ": finite log-probability of its own draws").isTrue();
            double[] v = d.value().doubles();
            switch (d.distribution().support()) {
                case POSITIVE -> allMatch(v, x -> x > 0, what + ": positive draws");
                case UNIT_INTERVAL -> allMatch(v, x -> x > 0 && x < 1, what + ": draws in (0, 1)");
                case BINARY -> allMatch(v, x -> x == 0 || x == 1, what + ": binary draws");
                case CATEGORICAL -> {
                    int k = d.distribution() instanceof Categorical c ? c.categories() : Integer.MAX_VALUE;
                    allMatch(v, x -> x >= 0 && x < k && x == Math.rint(x), what + ": draws in {0, ..., " + (k - 1)
                            + "}");
                }
                default -> {
                }
            }
        }
    }

    private static void allMatch(double[] v, java.util.function.DoublePredicate p, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!p.test(v[i])) {
                fail(what + ": element " + i + " is " + v[i]);
            }
        }
    }

    @Test
    public void scoringTheSampledValuesReproducesTheirLogProbabilities() {
        List<Drawn> sites = draw(workspace, parameters, batchSize(), drawSeed(1));
        List<HostArray> out = copy(scorer(workspace, parameters, sites, false, new ArrayList<>()).call(values(sites)));
        double[] joint = new double[batchSize()];
        for (int i = 0; i < sites.size(); i++) {
            Drawn d = sites.get(i);
            double[] sampled = d.logProb().doubles();
            double[] scored = out.get(i).doubles();
            for (int n = 0; n < sampled.length; n++) {
                assertThat(scored[n]).as("log-probability of site '%s', example %d: scored vs sampled", d.name(), n)
                        .isCloseTo(sampled[n], within(
                                1e-9 * Math.max(1, Math.abs(sampled[n]))));
                joint[n] += sampled[n];
            }
        }
        double[] scoredJoint = out.get(sites.size()).doubles();
        for (int n = 0; n < joint.length; n++) {
            assertThat(scoredJoint[n]).as("log joint of example %d", n)
                    .isCloseTo(joint[n], within(1e-9 * Math.max(1, Math.abs(joint[n]))));
        }
    }

    @Test
    public void drawsAreAPureFunctionOfTheSeed() {
        List<Drawn> a = draw(workspace, parameters, batchSize(), drawSeed(2));
        List<Drawn> again = draw(workspace, parameters, batchSize(), drawSeed(2));
        Workspace fresh = another();
        List<Drawn> elsewhere = draw(fresh, parametersIn(fresh, seed()), batchSize(), drawSeed(2));
        List<Drawn> other = draw(workspace, parameters, batchSize(), drawSeed(3));
        assertThat(values(again)).as("the same seed in the same workspace").isEqualTo(values(a));
        assertThat(values(elsewhere)).as("the same seeds in a fresh workspace").isEqualTo(values(a));
        assertThat(values(other)).as("another seed").isNotEqualTo(values(a));
    }

    @Test
    public void observesExactlyOneSite() {
        ModelStructure s = ModelStructure.inspect(model, parameters);
        assertThat(s.observedSites()).as("observed sites").hasSize(1);
    }

    @Test
    public void logJointGradientsAreFiniteAndMatchFiniteDifferences() {
        int batch = Math.min(batchSize(), 4);
        List<Drawn> sites = draw(workspace, parameters, batch, drawSeed(4));
        List<String> names = new ArrayList<>();
        CompiledFunction withGradients = scorer(workspace, parameters, sites, true, names);
        CompiledFunction objective = scorer(workspace, parameters, sites, false, new ArrayList<>());
        int first = sites.size() + 2;
        List<HostArray> out = copy(withGradients.call(values(sites)));
        assertThat(out.get(sites.size() + 1).scalarValue()).as("log joint").isFinite();
        Map<String, Variable> variables = parameters.variables();
        SplittableRandom pick = new SplittableRandom(seed());
        for (int k = 0; k < names.size(); k++) {
            String p = names.get(k);
            HostArray grad = out.get(first + k);
            Variable v = variables.get(p);
            assertThat(grad.allFinite()).as("gradient of the log joint for parameter '%s'", p).isTrue();
            assertThat(grad.shape()).as("gradient shape of parameter '%s'", p).isEqualTo(v.shape());
            HostArray original = workspace.read(v);
            double[] theta = original.doubles();
            int size = theta.length;
            List<Integer> elements = new ArrayList<>();
            if (size <= gradientCheckElements()) {
                for (int i = 0; i < size; i++) {
                    elements.add(i);
                }
            } else {
                pick.ints(0, size).distinct().limit(gradientCheckElements()).forEach(elements::add);
            }
            try {
                for (int i : elements) {
                    double h = 1e-5 * Math.max(1, Math.abs(theta[i]));
                    double[] plus = theta.clone();
                    double[] minus = theta.clone();
                    plus[i] += h;
                    minus[i] -= h;
                    workspace.write(v, HostArray.of(original.shape(), plus));
                    double fp = copy(objective.call(values(sites))).get(sites.size() + 1).scalarValue();
                    workspace.write(v, HostArray.of(original.shape(), minus));
                    double fm = copy(objective.call(values(sites))).get(sites.size() + 1).scalarValue();
                    double fd = (fp - fm) / (2 * h);
                    double an = grad.get(i);
                    double err = Math.abs(fd - an) / Math.max(1, Math.max(Math.abs(fd), Math.abs(an)));
                    if (!(err <= gradientTolerance())) {
                        fail("gradient of the log joint for parameter '" + p + "' element " + i + ": analytic " + an
                                + ", central finite difference " + fd + " (relative error " + err + " > "
                                + gradientTolerance() + ")");
                    }
                }
            } finally {
                workspace.write(v, original);
            }
        }
    }

    @Test
    public void parametersSurviveASaveLoadRoundTrip() {
        List<Drawn> sites = draw(workspace, parameters, batchSize(), drawSeed(5));
        CompiledFunction score = scorer(workspace, parameters, sites, false, new ArrayList<>());
        // Move every parameter away from its initial value, so that loading cannot pass by re-initialising.
        SplittableRandom r = new SplittableRandom(seed() + 1);
        Map<String, HostArray> saved = new HashMap<>();
        for (Variable v : workspace.variables()) {
            double[] x = workspace.read(v).doubles().clone();
            for (int i = 0; i < x.length; i++) {
                x[i] *= 1 + 0.01 * r.nextDouble(-1, 1);
            }
            workspace.write(v, HostArray.of(v.shape(), v.dtype(), x));
        }
        for (Variable v : workspace.variables()) {
            saved.put(v.name(), workspace.read(v));
        }
        HostArray before = copy(score.call(values(sites))).get(sites.size());

        Workspace fresh = another();
        Parameters loaded = parametersIn(fresh, seed() + 17);
        CompiledFunction rescore = scorer(fresh, loaded, sites, false, new ArrayList<>());
        assertThat(fresh.variables()).extracting(Variable::name).as("variables after tracing the model afresh")
                .containsExactlyInAnyOrderElementsOf(saved.keySet());
        for (Variable v : fresh.variables()) {
            fresh.write(v, saved.get(v.name()));
        }
        for (Variable v : fresh.variables()) {
            assertThat(fresh.read(v)).as("loaded value of '%s'", v.name()).isEqualTo(saved.get(v.name()));
        }
        HostArray after = copy(rescore.call(values(sites))).get(sites.size());
        double[] b = before.doubles();
        double[] a = after.doubles();
        for (int n = 0; n < b.length; n++) {
            assertThat(a[n]).as("log joint of example %d after loading", n)
                    .isCloseTo(b[n], within(1e-12 * Math.max(1, Math.abs(b[n]))));
        }
    }

    @Test
    public void aModelWithAnExactLikelihoodIsCheckedAgainstIt() {
        assertThat(!(model instanceof ExactLikelihood) || this instanceof ExactLikelihoodContract)
                .as("%s implements ExactLikelihood: its contract test must extend ExactLikelihoodContract, which checks"
                        + " it against a Monte Carlo estimate", model).isTrue();
    }
}
