package org.alws.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.learn.Optimizer;
import org.alws.api.learn.ParameterUpdates;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.api.tensor.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Optimizer} plugin passes, driven through {@link ParameterUpdates} on the
 * highest-priority available backend in float64: it minimises a convex quadratic (two parameters, condition number
 * about 4) to within 1e-4 of the minimiser, reduces the Rosenbrock function from (−1.2, 1) to at most a quarter of
 * its starting value, keeps one slot of each parameter's shape and type per slot name, and leaves every variable
 * (parameters, slots, step count) unchanged when the loss or a gradient is not finite.
 *
 * <p><b>How to use.</b> Put {@code org.alws:alws-api} with {@code <type>test-jar</type>}, JUnit Jupiter, AssertJ
 * and a backend (e.g. {@code org.alws:alws-tensorflow}) on your test class path, each with test scope, and write
 * {@code class MyOptimizerContractTest extends OptimizerContract { protected Optimizer optimizer() { return new
 * MyOptimizer(options); } }}, configured as users would run it (a learning rate near 1e-3 works with the default
 * step budgets). Override {@link #quadraticSteps()} or {@link #rosenbrockSteps()} if your optimiser needs a
 * different budget; a check can be switched off by overriding its method with {@code @Disabled("reason")}.
 */
public abstract class OptimizerContract {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private Workspace workspace;

    /** The optimiser under test, configured as users would run it. Called once per test. */
    protected abstract Optimizer optimizer();

    /** The most steps the quadratic may take to get within 1e-4 of its minimiser. */
    protected int quadraticSteps() {
        return 20_000;
    }

    /** The number of steps after which the Rosenbrock function must be at most a quarter of its start value. */
    protected int rosenbrockSteps() {
        return 2_000;
    }

    @BeforeEach
    public void openContractWorkspace() {
        workspace = ContractBackend.openFloat64();
    }

    @AfterEach
    public void closeContractWorkspace() {
        if (workspace != null) {
            workspace.close();
        }
    }

    /**
     * Compiles one guarded step of {@code optimizer} on {@code loss(variable values, inputs)}: outputs the loss and
     * the gradient norm.
     */
    private CompiledFunction step(Optimizer optimizer, List<Variable> variables, List<TensorSpec> inputs,
            BiFunction<List<Tensor>, List<Tensor>, Tensor> loss) {
        return workspace.compile("contract/step" + NAMES.incrementAndGet(), inputs, (ops, in) -> {
            List<Tensor> values = new ArrayList<>();
            for (Variable v : variables) {
                values.add(ops.read(v));
            }
            Tensor l = loss.apply(values, in);
            List<Tensor> g = ops.gradients(l, values);
            Map<Variable, Tensor> grads = new LinkedHashMap<>();
            for (int i = 0; i < variables.size(); i++) {
                grads.put(variables.get(i), g.get(i));
            }
            return List.of(l, ParameterUpdates.apply(ops, workspace, optimizer, grads, l, 0));
        });
    }

    private static double[] run(CompiledFunction f, Value... inputs) {
        List<DeviceArray> out = f.call(inputs);
        double[] r = {out.get(0).toHost().scalarValue(), out.get(1).toHost().scalarValue()};
        out.forEach(DeviceArray::close);
        return r;
    }

    private Map<String, HostArray> state() {
        Map<String, HostArray> s = new LinkedHashMap<>();
        for (Variable v : workspace.variables()) {
            s.put(v.name(), workspace.read(v));
        }
        return s;
    }

    private static Tensor constant(TensorOps ops, Shape shape, double... v) {
        return ops.constant(HostArray.of(shape, v));
    }

    @Test
    public void minimisesAConvexQuadratic() {
        double[] c = {1, -2};
        double[] e = {0.5, -1, 2, 0.25};
        Variable x = workspace.variable("model/x", HostArray.zeros(Shape.of(2), DType.FLOAT64));
        Variable y = workspace.variable("model/y", HostArray.zeros(Shape.of(2, 2), DType.FLOAT64));
        CompiledFunction f = step(optimizer(), List.of(x, y), List.of(), (v, in) -> {
            TensorOps ops = v.get(0).ops();
            // ½ (x − c)ᵀ A (x − c) with A = [[2, ½], [½, 1]], plus ½ Σ d (y − e)² with d = [[1, 1.5], [2, 3]].
            Tensor r = v.get(0).sub(constant(ops, Shape.of(2), c));
            Tensor ar = constant(ops, Shape.of(2, 2), 2, 0.5, 0.5, 1).matmul(r.reshape(2, 1)).reshape(2);
            Tensor q = v.get(1).sub(constant(ops, Shape.of(2, 2), e));
            return r.mul(ar).sum().add(q.square().mul(constant(ops, Shape.of(2, 2), 1, 1.5, 2, 3)).sum()).mul(0.5);
        });
        double distance = Double.NaN;
        int steps = 0;
        while (steps < quadraticSteps()) {
            double[] lossAndNorm = run(f);
            steps++;
            assertThat(lossAndNorm[0]).as("loss at step %d", steps).isFinite();
            if (steps % 25 == 0 || steps == quadraticSteps()) {
                double[] xv = workspace.read(x).doubles();
                double[] yv = workspace.read(y).doubles();
                distance = 0;
                for (int i = 0; i < 2; i++) {
                    distance = Math.max(distance, Math.abs(xv[i] - c[i]));
                }
                for (int i = 0; i < 4; i++) {
                    distance = Math.max(distance, Math.abs(yv[i] - e[i]));
                }
                if (distance < 1e-4) {
                    break;
                }
            }
        }
        assertThat(distance).as("largest distance to the minimiser after %d steps", steps).isLessThan(1e-4);
        assertThat(workspace.read(workspace.findVariable(ParameterUpdates.STEP_VARIABLE).orElseThrow()).scalarValue())
                .as("step count").isEqualTo(steps);
    }

    @Test
    public void makesProgressOnRosenbrock() {
        Variable x = workspace.variable("model/x", HostArray.scalar(-1.2));
        Variable y = workspace.variable("model/y", HostArray.scalar(1.0));
        CompiledFunction f = step(optimizer(), List.of(x, y), List.of(), (v, in) -> {
            Tensor a = v.get(0).rsub(1.0);
            Tensor b = v.get(1).sub(v.get(0).square());
            return a.square().add(b.square().mul(100.0));
        });
        double start = 24.2;
        double loss = Double.NaN;
        for (int i = 0; i < rosenbrockSteps(); i++) {
            loss = run(f)[0];
            assertThat(loss).as("loss at step %d", i + 1).isFinite();
        }
        double xv = workspace.read(x).scalarValue();
        double yv = workspace.read(y).scalarValue();
        double end = (1 - xv) * (1 - xv) + 100 * (yv - xv * xv) * (yv - xv * xv);
        assertThat(end).as("Rosenbrock value after %d steps (start %s)", rosenbrockSteps(), start)
                .isLessThanOrEqualTo(start / 4);
    }

    @Test
    public void keepsOneSlotOfTheParametersShapePerSlotName() {
        Optimizer optimizer = optimizer();
        List<String> slots = optimizer.slotNames();
        assertThat(slots).as("slot names").doesNotHaveDuplicates();
        List<Shape> shapes = List.of(Shape.scalar(), Shape.of(3), Shape.of(2, 3));
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            vars.add(workspace.variable("model/p" + i, HostArray.zeros(shapes.get(i), DType.FLOAT64)));
        }
        // The update rule itself returns a value and every slot with the parameter's shape and type.
        List<String> problems = new ArrayList<>();
        workspace.compile("contract/update" + NAMES.incrementAndGet(), List.of(), (ops, in) -> {
            for (Shape s : shapes) {
                Tensor value = ops.fill(s, 0.5);
                Map<String, Tensor> current = new LinkedHashMap<>();
                for (String name : slots) {
                    current.put(name, ops.zeros(s));
                }
                Optimizer.Update u = optimizer.update(value, ops.fill(s, 0.1), current, ops.scalar(1.0));
                if (!u.value().shape().equals(s) || u.value().dtype() != DType.FLOAT64) {
                    problems.add("value of a " + s + " parameter updated to " + u.value().dtype() + u.value().shape());
                }
                if (!u.slots().keySet().equals(new java.util.HashSet<>(slots))) {
                    problems.add("slots returned " + u.slots().keySet() + ", declared " + slots);
                }
                u.slots().forEach((name, t) -> {
                    if (!t.shape().equals(s) || t.dtype() != DType.FLOAT64) {
                        problems.add("slot '" + name + "' of a " + s + " parameter has " + t.dtype() + t.shape());
                    }
                });
            }
            return List.of(ops.scalar(0.0));
        });
        assertThat(problems).as("update shapes").isEmpty();
        CompiledFunction f = step(optimizer, vars, List.of(), (v, in) -> {
            Tensor total = v.get(0).sub(1.0).square();
            total = total.add(v.get(1).sub(-0.5).square().sum().mul(2.0));
            return total.add(v.get(2).sub(0.25).square().sum().mul(0.5));
        });
        for (int i = 0; i < 5; i++) {
            run(f);
        }
        for (Variable v : vars) {
            for (String name : slots) {
                String slot = "opt/" + v.name() + "/" + name;
                Variable sv = workspace.findVariable(slot).orElse(null);
                assertThat(sv).as("slot variable %s", slot).isNotNull();
                assertThat(sv.shape()).as("shape of %s", slot).isEqualTo(v.shape());
                assertThat(sv.dtype()).as("type of %s", slot).isEqualTo(v.dtype());
                assertThat(workspace.read(sv).allFinite()).as("finite %s", slot).isTrue();
            }
            assertThat(workspace.read(v).allFinite()).as("finite %s", v.name()).isTrue();
        }
    }

    @Test
    public void leavesEveryVariableUnchangedWhenTheLossOrAGradientIsNotFinite() {
        Variable a = workspace.variable("model/a", HostArray.vector(0.3, -0.7, 1.1));
        Variable b = workspace.variable("model/b", HostArray.of(Shape.of(2, 2), new double[] {1, 2, 3, 4}));
        // k · (½ ‖a − 1‖² + Σ sqrt|b − d|): with d = b the loss is finite but the gradient of sqrt|·| is NaN.
        CompiledFunction f = step(optimizer(), List.of(a, b), List.of(TensorSpec.of(DType.FLOAT64, 2, 2),
                TensorSpec.of(DType.FLOAT64)), (v, in) -> v.get(0).sub(1.0).square().sum().mul(0.5)
                        .add(v.get(1).sub(in.get(0)).abs().sqrt().sum()).mul(in.get(1)));
        HostArray far = HostArray.of(Shape.of(2, 2), new double[] {-5, 9, -6, 10});
        HostArray one = HostArray.scalar(1.0);
        for (int i = 0; i < 3; i++) {
            assertThat(run(f, far, one)[0]).isFinite();
        }
        Map<String, HostArray> before = state();
        assertThat(before.get(ParameterUpdates.STEP_VARIABLE).scalarValue()).isEqualTo(3.0);

        double[] nanGradient = run(f, before.get("model/b"), one);
        assertThat(nanGradient[0]).as("loss with d = b").isFinite();
        assertThat(nanGradient[1]).as("gradient norm with d = b").isNaN();
        assertThat(state()).as("state after a NaN gradient").isEqualTo(before);

        double[] nanLoss = run(f, far, HostArray.scalar(Double.NaN));
        assertThat(nanLoss[0]).isNaN();
        assertThat(state()).as("state after a NaN loss").isEqualTo(before);

        run(f, far, one);
        assertThat(workspace.read(workspace.findVariable(ParameterUpdates.STEP_VARIABLE).orElseThrow()).scalarValue())
                .as("step count after the next finite step").isEqualTo(4.0);
        assertThat(state().get("model/a")).isNotEqualTo(before.get("model/a"));
    }
}
