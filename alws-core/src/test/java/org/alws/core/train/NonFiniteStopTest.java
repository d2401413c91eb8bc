package org.alws.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alws.api.NumericalException;
import org.alws.api.config.NoOptions;
import org.alws.api.event.RunFinished;
import org.alws.api.event.TrainingListener;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StepResult;
import org.alws.api.tensor.HostArray;
import org.alws.core.run.RunDirectory;
import org.alws.core.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop stops at the first non-finite loss, naming the step, and keeps the last good checkpoint. */
class NonFiniteStopTest {
    @TempDir
    Path tmp;

    /** A learner whose loss becomes NaN at step 12 (and that delegates to ALWS before, so state really changes). */
    public static final class FailingLearner implements LearnerProvider<NoOptions> {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public String description() {
            return "ALWS with a NaN loss at step 12";
        }

        @Override
        public NoOptions defaultOptions() {
            return new NoOptions();
        }

        @Override
        public Learner create(NoOptions options) {
            Learner alws = new org.alws.core.alws.AlwsLearner(
                    org.alws.core.alws.AlwsOptions.defaults().withSleepSamples(200));
            return new Learner() {
                @Override
                public LearnerSession start(LearnerContext context) {
                    LearnerSession inner = alws.start(context);
                    return (HostArray batch, long step) -> step == 12
                            ? new StepResult(Double.NaN, 1.0, Map.of()) : inner.step(batch, step);
                }
            };
        }
    }

    @Test
    void aNanLossStopsTrainingAndKeepsTheLastGoodCheckpoint() {
        RunConfig c = RunConfig.defaults()
                .withModel(PluginChoice.of("linear-gaussian"))
                .withLearner(PluginChoice.of("failing"))
                .withTraining(new TrainingOptions(50, 50, 5, 10, 0, 0, 3));
        List<RunFinished> finished = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onFinish(RunFinished event) {
                finished.add(event);
            }
        };
        assertThatThrownBy(() -> Training.start(TestPlugins.registry(new FailingLearner()), c, tmp, "run",
                List.of(record)))
                .isInstanceOf(NumericalException.class)
                .hasMessage("step 12: the loss is NaN and the gradient norm 1.0; no update was applied; training "
                        + "stopped after 12 steps; the last good checkpoint (step 10) is kept in "
                        + tmp.resolve("run").resolve("checkpoints"));
        RunDirectory dir = RunDirectory.open(tmp.resolve("run"));
        assertThat(dir.readLatestCheckpoint().orElseThrow().step()).isEqualTo(10);
        assertThat(finished).singleElement().satisfies(f -> {
            assertThat(f.completed()).isFalse();
            assertThat(f.stepsCompleted()).isEqualTo(12);
        });
    }
}
