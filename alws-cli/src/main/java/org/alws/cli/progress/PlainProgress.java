package org.alws.cli.progress;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import org.alws.api.event.EvaluationEvent;
import org.alws.api.event.RunFinished;
import org.alws.api.event.RunStarted;
import org.alws.api.event.StepEvent;
import org.alws.api.event.TrainingListener;
import org.alws.cli.text.Format;

/**
 * Progress as plain lines, for logs and pipes: one line at the start, about {@value #LINES} lines spread over the
 * run plus one for the last step, and one per evaluation:
 *
 * <pre>
 * step 120/1000  loss 3.412  (-2.1% over last 100)  1.3 s elapsed, ETA 9.6 s
 * </pre>
 */
public final class PlainProgress implements TrainingListener {
    /** The number of progress lines over a run, not counting the last step's. */
    public static final int LINES = 20;

    private final PrintWriter out;
    private long first;
    private long total;
    private long every = 1;
    private LossTrend trend = LossTrend.overTenthOf(1);

    /** @param out where the lines go (usually standard error) */
    public PlainProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onStart(RunStarted event) {
        first = event.firstStep();
        total = event.totalSteps();
        every = Math.max(1, (total - first + LINES - 1) / LINES);
        trend = LossTrend.overTenthOf(total);
        out.println((first == 0 ? "training run " : "resuming run ") + event.runName() + " at step " + first
                + " of " + total);
        out.flush();
    }

    @Override
    public void onStep(StepEvent event) {
        trend.add(event.loss());
        long done = event.step() + 1;
        if ((done - first) % every != 0 && done != total) {
            return;
        }
        out.println(line(done, total, event.loss(), trend, event.elapsedSeconds(), done - first));
        out.flush();
    }

    @Override
    public void onEvaluation(EvaluationEvent event) {
        StringBuilder sb = new StringBuilder("evaluation at step " + event.step() + ":");
        for (Map.Entry<String, Double> e : new TreeMap<>(event.values()).entrySet()) {
            sb.append("  ").append(e.getKey()).append(' ').append(Format.number(e.getValue()));
        }
        out.println(sb);
        out.flush();
    }

    @Override
    public void onFinish(RunFinished event) {
        if (!event.completed()) {
            out.println("stopped after " + event.stepsCompleted() + " of " + total + " steps ("
                    + Format.seconds(event.elapsedSeconds()) + ")");
            out.flush();
        }
    }

    /** One progress line; {@code doneHere} is the number of steps taken by this invocation. */
    static String line(long done, long total, double loss, LossTrend trend, double elapsed, long doneHere) {
        StringBuilder sb = new StringBuilder();
        sb.append("step ").append(done).append('/').append(total);
        sb.append("  loss ").append(Format.number(loss, 4));
        double change = trend.change();
        if (!Double.isNaN(change)) {
            sb.append("  (").append(Format.signedPercent(change)).append(" over last ").append(trend.span())
                    .append(')');
        }
        sb.append("  ").append(Format.seconds(elapsed)).append(" elapsed");
        if (done < total && doneHere > 0) {
            sb.append(", ETA ").append(Format.seconds(elapsed / doneHere * (total - done)));
        }
        return sb.toString();
    }
}
