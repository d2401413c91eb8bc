package org.alws.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Variables, compilation, calls and failures of the TensorFlow workspace. */
class TfWorkspaceTest {
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults());
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static HostArray only(List<DeviceArray> out) {
        HostArray h = out.get(0).toHost();
        out.forEach(DeviceArray::close);
        return h;
    }

    @Test
    void variablesKeepTheirInitialValueAndRoundTrip() {
        Variable v = ws.variable("model/w", HostArray.vector(1, 2, 3).cast(DType.FLOAT32));
        assertThat(ws.read(v)).isEqualTo(HostArray.ofFloats(Shape.of(3), new float[] {1, 2, 3}));
        ws.write(v, HostArray.ofFloats(Shape.of(3), new float[] {4, 5, 6}));
        assertThat(ws.read(v).floats()).containsExactly(4, 5, 6);
        // Asking again returns the same variable with its current value.
        assertThat(ws.variable("model/w", HostArray.zeros(Shape.of(3), DType.FLOAT32))).isSameAs(v);
        assertThat(ws.read(v).floats()).containsExactly(4, 5, 6);
        assertThat(ws.variables()).containsExactly(v);
        assertThatThrownBy(() -> ws.variable("model/w", HostArray.zeros(Shape.of(2), DType.FLOAT32)))
                .hasMessage("variable 'model/w' exists as float32[3], requested as float32[2]");
    }

    @Test
    void assignmentsHappenAfterTheOutputsAreComputed() {
        Variable v = ws.variable("counter", HostArray.scalar(0).cast(DType.FLOAT32));
        CompiledFunction inc = ws.compile("inc", List.of(), (ops, in) -> {
            Tensor old = ops.read(v);
            ops.assign(v, old.add(1.0));
            return List.of(old.mul(10.0));
        });
        assertThat(only(inc.call()).scalarValue()).isEqualTo(0.0);
        assertThat(only(inc.call()).scalarValue()).isEqualTo(10.0);
        assertThat(ws.read(v).scalarValue()).isEqualTo(2.0);
    }

    @Test
    void aFunctionIsTracedOncePerSignature() {
        int[] traces = {0};
        var spec = List.of(TensorSpec.of(DType.FLOAT32, 2));
        CompiledFunction a = ws.compile("square", spec, (ops, in) -> {
            traces[0]++;
            return List.of(in.get(0).square());
        });
        CompiledFunction b = ws.compile("square", spec, (ops, in) -> {
            traces[0]++;
            return List.of(in.get(0).square());
        });
        assertThat(b).isSameAs(a);
        int ops = ((TfWorkspace) ws).operationCount();
        for (int i = 0; i < 5; i++) {
            only(a.call(HostArray.vector(1, 2)));
        }
        assertThat(((TfWorkspace) ws).operationCount()).isEqualTo(ops);
        ws.compile("square", List.of(TensorSpec.of(DType.FLOAT32, 3)), (o, in) -> {
            traces[0]++;
            return List.of(in.get(0).square());
        });
        assertThat(traces[0]).isEqualTo(2);
    }

    @Test
    void functionAndVariableNamesMayHoldAnyCharacters() {
        Variable v = ws.variable("regressor/λ ridge", HostArray.scalar(2).cast(DType.FLOAT32));
        CompiledFunction f = ws.compile("krr(gaussian, λ=1.0)", List.of(), (ops, in) -> List.of(ops.read(v)));
        assertThat(only(f.call()).scalarValue()).isEqualTo(2.0);
        assertThat(TfWorkspace.sanitize("a/λ b.c-d_e")).isEqualTo("a___b.c-d_e");
    }

    @Test
    void inputsAreCheckedAgainstTheSignature() {
        CompiledFunction f = ws.compile("id", List.of(TensorSpec.of(DType.FLOAT32, 2, 1)),
                (ops, in) -> List.of(in.get(0)));
        assertThatThrownBy(() -> f.call(HostArray.vector(1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("function 'id' input 0: expected float32[2, 1], got float64[3]");
        assertThatThrownBy(() -> f.call(HostArray.ofInts(Shape.of(2, 1), new int[] {1, 2})))
                .hasMessage("function 'id' input 0: expected float32[2, 1], got int32[2, 1]");
        assertThatThrownBy(() -> f.call()).hasMessage("function 'id' takes 1 inputs, got 0");
        // Float64 host data is converted to the signature's float32.
        assertThat(only(f.call(HostArray.of(Shape.of(2, 1), new double[] {1.5, 2.5}))).floats())
                .containsExactly(1.5f, 2.5f);
    }

    @Test
    void deviceArraysFeedLaterCallsWithoutACopy() {
        CompiledFunction twice = ws.compile("twice", List.of(TensorSpec.of(DType.FLOAT32, 2)),
                (ops, in) -> List.of(in.get(0).mul(2.0)));
        List<DeviceArray> a = twice.call(HostArray.vector(1, 2));
        List<DeviceArray> b = twice.call(a.get(0));
        assertThat(b.get(0).toHost().floats()).containsExactly(4, 8);
        a.get(0).close();
        assertThatThrownBy(() -> twice.call(a.get(0))).isInstanceOf(IllegalStateException.class);
        b.get(0).close();
    }

    @Test
    void gradientsOfUnconnectedInputsAreZero() {
        CompiledFunction f = ws.compile("g", List.of(TensorSpec.of(DType.FLOAT32, 2), TensorSpec.of(DType.FLOAT32, 2)),
                (ops, in) -> ops.gradients(in.get(0).square().sum(), in));
        List<DeviceArray> out = f.call(HostArray.vector(1, 3), HostArray.vector(5, 7));
        assertThat(out.get(0).toHost().floats()).containsExactly(2, 6);
        assertThat(out.get(1).toHost().floats()).containsExactly(0, 0);
        out.forEach(DeviceArray::close);
    }

    @Test
    void logSumExpIsStableAndDifferentiable() {
        CompiledFunction f = ws.compile("lse", List.of(TensorSpec.of(DType.FLOAT32, 3)), (ops, in) -> {
            Tensor y = in.get(0).logSumExp(0);
            return List.of(y, ops.gradients(y, in).get(0));
        });
        List<DeviceArray> out = f.call(HostArray.vector(1000, 1000, 999));
        assertThat(out.get(0).toHost().scalarValue()).isCloseTo(1000 + Math.log(2 + Math.exp(-1)), within(1e-3));
        double z = 2 + Math.exp(-1);
        assertThat(out.get(1).toHost().doubles()).containsExactly(new double[] {1 / z, 1 / z, Math.exp(-1) / z},
                within(1e-6));
        out.forEach(DeviceArray::close);
    }

    @Test
    void aCholeskyOfAnIndefiniteMatrixHasNonFiniteEntries() {
        CompiledFunction f = ws.compile("chol", List.of(TensorSpec.of(DType.FLOAT32, 2, 2)),
                (ops, in) -> List.of(ops.cholesky(in.get(0))));
        assertThat(only(f.call(HostArray.of(Shape.of(2, 2), new double[] {4, 2, 2, 5}))).floats())
                .containsExactly(2, 0, 1, 2);
        assertThat(only(f.call(HostArray.of(Shape.of(2, 2), new double[] {1, 2, 2, 1}))).allFinite()).isFalse();
    }

    @Test
    void backendFailuresNameTheFunction() {
        CompiledFunction f = ws.compile("gather", List.of(TensorSpec.of(DType.INT32, 1)),
                (ops, in) -> List.of(ops.vector(1, 2).gather(in.get(0), 0)));
        assertThatThrownBy(() -> f.call(HostArray.ofInts(Shape.of(1), new int[] {5})))
                .isInstanceOf(org.alws.api.BackendException.class)
                .hasMessageStartingWith("function 'gather' failed: ");
    }

    @Test
    void statelessDrawsAreAPureFunctionOfTheSeed() {
        CompiledFunction f = ws.compile("draw", List.of(TensorSpec.of(DType.INT64, 2)),
                (ops, in) -> List.of(ops.randomNormal(Shape.of(4), DType.FLOAT32, in.get(0))));
        HostArray s1 = HostArray.ofLongs(Shape.of(2), new long[] {1, 2});
        HostArray s2 = HostArray.ofLongs(Shape.of(2), new long[] {1, 3});
        HostArray a = only(f.call(s1));
        assertThat(only(f.call(s1))).isEqualTo(a);
        assertThat(only(f.call(s2))).isNotEqualTo(a);
    }

    @Test
    void aClosedWorkspaceRefusesWork() {
        Variable v = ws.variable("x", HostArray.scalar(1).cast(DType.FLOAT32));
        ws.close();
        assertThatThrownBy(() -> ws.read(v)).isInstanceOf(IllegalStateException.class).hasMessage("workspace is closed");
        ws.close();
    }

    @Test
    void theNativeLibraryMessageNamesThePlatformAndTheClassifier() {
        assertThat(NativeLibrary.missingMessage()).isEqualTo("TensorFlow's native library for "
                + NativeLibrary.platform() + " is not on the class path: add org.tensorflow:tensorflow-core-native:1.1.0"
                + " with classifier " + NativeLibrary.platform() + " (or " + NativeLibrary.platform() + "-gpu)");
        assertThat(new TensorFlowBackend().availability().isAvailable()).isTrue();
        assertThat(ws.description()).startsWith("tensorflow 2.18.0 (TF Java 1.1.0, linux-x86_64, cpu");
    }
}
