package org.alws.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.model.Initializer;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parameters' moving average against the recursion computed on the host, and the swap evaluations use. */
class ParameterAverageTest {
    private Workspace ws;
    private Parameters parameters;
    private Variable w;
    private Variable s;

    @BeforeEach
    void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
        parameters = new Parameters(ws, SeedStream.root(1).child("init"), "model/");
        w = parameters.variable("w", Shape.of(3), Initializer.values(1, 2, 3));
        s = parameters.variable("s", Shape.scalar(), Initializer.constant(-1));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static double value(int step, int i) {
        return Math.sin(0.7 * step + i) * (1 + step);
    }

    @Test
    void theAveragesFollowTheRecursionWithItsWarmUpDecay() {
        ParameterAverage average = new ParameterAverage(ws, parameters, 0.9);
        assertThat(average.decayAfter(0)).isEqualTo(0.1);
        assertThat(average.decayAfter(8)).isEqualTo(0.5);
        assertThat(average.decayAfter(1000)).isEqualTo(0.9);
        double[] expected = {1, 2, 3, -1};
        for (int step = 0; step < 30; step++) {
            double[] p = new double[4];
            for (int i = 0; i < 4; i++) {
                p[i] = value(step, i);
            }
            ws.write(w, HostArray.vector(p[0], p[1], p[2]));
            ws.write(s, HostArray.scalar(p[3]));
            average.update(step);
            double keep = Math.min(0.9, (1.0 + step) / (10.0 + step));
            for (int i = 0; i < 4; i++) {
                expected[i] = keep * expected[i] + (1 - keep) * p[i];
            }
        }
        HostArray aw = average.values().get(w);
        for (int i = 0; i < 3; i++) {
            assertThat(aw.get(i)).as("w[" + i + "]").isCloseTo(expected[i], within(1e-12));
        }
        assertThat(average.values().get(s).scalarValue()).isCloseTo(expected[3], within(1e-12));
        assertThat(ws.findVariable("average/model/w")).isPresent();
    }

    @Test
    void swappedShowsTheAveragesAndPutsTheLastValuesBackEvenWhenTheBodyFailsAndResetCopiesTheParameters() {
        ParameterAverage average = new ParameterAverage(ws, parameters, 0.5);
        ws.write(w, HostArray.vector(5, 6, 7));
        ws.write(s, HostArray.scalar(3));
        average.update(100);
        double seen = average.swapped(() -> ws.read(s).scalarValue());
        assertThat(seen).isEqualTo(0.5 * -1 + 0.5 * 3);
        assertThat(ws.read(w)).isEqualTo(HostArray.vector(5, 6, 7));
        assertThatThrownBy(() -> average.swapped(() -> {
            assertThat(ws.read(w)).isEqualTo(HostArray.vector(3, 4, 5));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(ws.read(w)).isEqualTo(HostArray.vector(5, 6, 7));
        assertThat(ws.read(s).scalarValue()).isEqualTo(3.0);
        average.reset();
        assertThat(average.values().get(w)).isEqualTo(HostArray.vector(5, 6, 7));
        assertThat(average.values().get(s).scalarValue()).isEqualTo(3.0);
    }
}
