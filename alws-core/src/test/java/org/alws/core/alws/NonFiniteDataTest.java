package org.alws.core.alws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alws.api.DataException;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.learn.LearnerSession;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;

/** Non-finite data is reported as a data error, before any regression is attempted. */
class NonFiniteDataTest {
    @Test
    void aNanInTheBatchIsADataError() {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT32))) {
            StandardLearnerContext ctx = new StandardLearnerContext(ws,
                    new org.alws.api.contract.LinearGaussian(1, 0, 1), SeedStream.root(1),
                    new Adam(AdamOptions.defaults()),
                    new KernelRidgeRegressor(KernelRidgeOptions.defaults(), new GaussianKernel()), Shape.of(1), 4,
                    100, 0);
            AlwsLearner alws = new AlwsLearner(AlwsOptions.defaults().withSleepSamples(50));
            HostArray bad = HostArray.of(Shape.of(4, 1), new double[] {0.1, Double.NaN, 0.3, 0.2});
            try (LearnerSession s = alws.start(ctx)) {
                assertThatThrownBy(() -> s.step(bad, 7)).isInstanceOf(DataException.class)
                        .hasMessage("step 7: the data batch holds a non-finite value (NaN or infinity); no update was"
                                + " applied");
            }
            assertThatThrownBy(() -> alws.estimateScores(ctx, bad, 50, 1)).isInstanceOf(DataException.class)
                    .hasMessage("data: holds a non-finite value (NaN or infinity); score estimates need finite data");
        }
    }
}
