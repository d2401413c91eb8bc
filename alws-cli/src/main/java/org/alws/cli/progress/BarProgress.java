package org.alws.cli.progress;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.alws.api.event.RunFinished;
import org.alws.api.event.RunStarted;
import org.alws.api.event.StepEvent;
import org.alws.api.event.TrainingListener;
import org.alws.cli.text.Format;

/**
 * Progress as a terminal progress bar (on standard error) showing steps, speed and ETA, with the current loss and
 * its trend as the bar's message, e.g. {@code loss 3.412 ↓2.1%}. The message is refreshed a few times a second.
 */
public final class BarProgress implements TrainingListener {
    private static final long MESSAGE_INTERVAL_NANOS = 200_000_000L;

    private ProgressBar bar;
    private LossTrend trend = LossTrend.overTenthOf(1);
    private long lastMessage;

    @Override
    public void onStart(RunStarted event) {
        trend = LossTrend.overTenthOf(event.totalSteps());
        bar = new ProgressBarBuilder()
                .setTaskName(event.firstStep() == 0 ? "train" : "resume")
                .setInitialMax(event.totalSteps())
                .startsFrom(event.firstStep(), Duration.ZERO)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setUnit(" steps", 1)
                // On stdout: the launcher filters TensorFlow's start-up noise out of stderr line by line.
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.out))
                .build();
    }

    @Override
    public void onStep(StepEvent event) {
        trend.add(event.loss());
        if (bar == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastMessage >= MESSAGE_INTERVAL_NANOS || event.step() + 1 == event.totalSteps()) {
            lastMessage = now;
            String arrow = trend.arrow();
            bar.setExtraMessage("  loss " + Format.number(event.loss(), 4) + (arrow.isEmpty() ? "" : " " + arrow));
        }
        bar.stepTo(event.step() + 1);
    }

    @Override
    public void onFinish(RunFinished event) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
