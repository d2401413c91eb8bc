package org.alws.core.alws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alws.api.NumericalException;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.dist.Normal;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StepResult;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Initializer;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/** A Gram matrix that fails to factorise gets more jitter; one that cannot be fixed is a one-line error. */
class JitterEscalationTest {

    /** x | z ~ N(c + z, scale²). */
    private static GenerativeModel model(double scale) {
        return t -> {
            Tensor c = t.param("c", Shape.of(1), Initializer.values(1.0));
            Tensor z = t.sample("z", Normal.of(t.ops().zeros(Shape.of(t.batchSize(), 1)), 1.0));
            t.observe("x", Normal.of(z.mul(scale == 0 ? 0 : 1).add(c), scale == 0 ? 1e-20 : scale));
        };
    }

    private static StepResult step(GenerativeModel model, KernelRidgeOptions krr) {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT32))) {
            StandardLearnerContext ctx = new StandardLearnerContext(ws, model, SeedStream.root(3), new Adam(AdamOptions.defaults()),
                    new KernelRidgeRegressor(krr, new GaussianKernel()), Shape.of(1), 20, 1000, 0);
            try (LearnerSession s = new AlwsLearner(AlwsOptions.defaults().withSleepSamples(400)).start(ctx)) {
                double[] x = new double[20];
                java.util.Arrays.fill(x, 1.0);
                return s.step(HostArray.of(Shape.of(20, 1), x), 0);
            }
        }
    }

    @Test
    void aNearlySingularGramMatrixIsFactorisedWithMoreJitter() {
        // A very wide bandwidth makes the Gram matrix nearly all ones: singular in float32 with a tiny ridge.
        StepResult r = step(model(1.0), KernelRidgeOptions.of(1e-12, "1000", 1, 256));
        assertThat(r.finite()).isTrue();
        assertThat(r.metrics().get("jitter")).isGreaterThan(0.0);
    }

    @Test
    void aGramMatrixThatCannotBeFixedIsAOneLineError() {
        // Identical sleep inputs: the median distance is 0 and the Gram matrix is 0/0.
        assertThatThrownBy(() -> step(model(0), KernelRidgeOptions.defaults()))
                .isInstanceOf(NumericalException.class)
                .hasMessageStartingWith("regressor krr(gaussian, λ=1.0, bandwidth=median): the smoother of 400 "
                        + "sleep samples is not finite even with jitter 0.1 added to the ridge {bandwidth=0.0};")
                .hasMessageNotContaining("\n");
    }
}
