package org.alws.core.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.alws.api.event.EvaluationEvent;
import org.alws.api.event.RunFinished;
import org.alws.api.event.RunStarted;
import org.alws.api.event.StepEvent;
import org.alws.api.event.TrainingListener;
import org.alws.core.plot.MetricPanels;
import org.alws.core.run.RunDirectory;

/**
 * The per-epoch pictures of a run, written into its {@code plots/} directory while it trains:
 *
 * <ul>
 *   <li>for a model that observes images ({@link SampleGrid#layout}), {@code samples-epoch-NNN.png}: an 8 × 8 grid of
 *       the model's mean images at fixed latent draws after epoch NNN ({@code 000}: the initial model of a new run;
 *       a run that stops within an epoch, on its time budget or at its last step, writes that epoch's grid then);
 *   <li>{@code metrics.png}: every evaluated metric against epochs, one panel per family (a figure with its floor
 *       and ceiling), rewritten after every evaluation.
 * </ul>
 */
final class EpochOutputs implements TrainingListener {
    /** The file name of the metrics picture. */
    static final String METRICS_FILE = "metrics.png";

    private final TrainingRun run;
    private final RunDirectory dir;
    private final long perEpoch;
    private final boolean images;
    private double[] range;
    private long firstStep;
    private long lastDrawnStep = -1;

    EpochOutputs(TrainingRun run, RunDirectory dir) {
        this.run = run;
        this.dir = dir;
        this.perEpoch = run.stepsPerEpoch();
        this.images = SampleGrid.drawsImages(run);
    }

    /** The file name of the samples picture after {@code epoch} epochs. */
    static String samplesFile(long epoch) {
        return String.format(Locale.ROOT, "samples-epoch-%03d.png", epoch);
    }

    @Override
    public void onStart(RunStarted event) {
        firstStep = event.firstStep();
        if (firstStep == 0) {
            samples(0, 0);
        }
    }

    @Override
    public void onStep(StepEvent event) {
        long done = event.step() + 1;
        if (done % perEpoch == 0) {
            samples(done / perEpoch, done);
        }
    }

    @Override
    public void onEvaluation(EvaluationEvent event) {
        Map<String, double[][]> curves = MetricCurves.read(dir.readMetrics(), perEpoch);
        if (!curves.isEmpty()) {
            MetricPanels.write(dir.plotsDir().resolve(METRICS_FILE), "epoch", MetricCurves.byFamily(curves));
        }
    }

    @Override
    public void onFinish(RunFinished event) {
        long done = event.stepsCompleted();
        boolean stoppedCleanly = event.completed() || event.reason().startsWith(TrainingRun.BUDGET_STOP);
        if (stoppedCleanly && done > firstStep && done != lastDrawnStep) {
            samples((done + perEpoch - 1) / perEpoch, done);
        }
    }

    private void samples(long epoch, long done) {
        if (!images) {
            return;
        }
        if (range == null) {
            range = SampleGrid.range(run.data().test());
        }
        Path png = dir.plotsDir().resolve(samplesFile(epoch));
        SampleGrid.write(png, run.withEvaluatedParameters(() -> SampleGrid.draw(run, SampleGrid.SIDE * SampleGrid.SIDE,
                range)), "epoch " + epoch);
        lastDrawnStep = done;
    }
}
