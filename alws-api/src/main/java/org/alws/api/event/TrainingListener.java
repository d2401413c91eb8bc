package org.alws.api.event;

/**
 * Receives progress and metrics of a training run (console progress bars, metrics.jsonl, plots). Callbacks happen
 * on the training thread; keep them quick.
 */
public interface TrainingListener {

    default void onStart(RunStarted event) {
    }

    /** After every step. */
    default void onStep(StepEvent event) {
    }

    /** After an evaluation of metrics on held-out data. */
    default void onEvaluation(EvaluationEvent event) {
    }

    /** After a checkpoint has been written. */
    default void onCheckpoint(CheckpointEvent event) {
    }

    /** At the end of the run, also when it stopped early. */
    default void onFinish(RunFinished event) {
    }
}
