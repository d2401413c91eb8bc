package org.alws.core.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.alws.api.event.EvaluationEvent;
import org.alws.api.event.RunStarted;
import org.alws.api.event.StepEvent;
import org.alws.api.event.TrainingListener;

/**
 * Writes a run's progress to its {@code metrics.jsonl}.
 *
 * <ul>
 *   <li>Training figures as {@value MetricsLog#TRAIN} records after the first step, after every {@code logEvery}
 *       steps and after the last step: {@code loss}, {@code gradientNorm}, {@code epoch}, {@code elapsedSeconds} and
 *       the learner's own figures (a learner figure named like one of these four is left out).</li>
 *   <li>Every evaluation as an {@value MetricsLog#EVAL} record.</li>
 * </ul>
 *
 * The {@code step} of every record is the number of steps taken ({@link StepEvent#step()} + 1 for step events), so
 * training and evaluation records share one axis. When a run resumes ({@link RunStarted#firstStep()} &gt; 0), the
 * records of the steps about to be run again are dropped first, so that the file reads as one uninterrupted run.
 */
public final class MetricsJsonlListener implements TrainingListener {
    private final MetricsLog log;
    private final long logEvery;

    /**
     * @param log the metrics log to append to
     * @param logEvery write training figures every this many steps (at least 1)
     */
    public MetricsJsonlListener(MetricsLog log, long logEvery) {
        this.log = Objects.requireNonNull(log, "log");
        if (logEvery < 1) {
            throw new IllegalArgumentException("logEvery is " + logEvery + "; expected >= 1");
        }
        this.logEvery = logEvery;
    }

    /** A listener writing to the run directory's {@code metrics.jsonl}. */
    public MetricsJsonlListener(RunDirectory run, long logEvery) {
        this(run.metrics(), logEvery);
    }

    @Override
    public void onStart(RunStarted event) {
        if (event.firstStep() > 0) {
            log.rewindTo(event.firstStep());
        }
    }

    @Override
    public void onStep(StepEvent event) {
        long taken = event.step() + 1;
        if (event.step() != 0 && taken % logEvery != 0 && taken != event.totalSteps()) {
            return;
        }
        Map<String, Number> values = new LinkedHashMap<>();
        values.put("loss", event.loss());
        values.put("gradientNorm", event.gradientNorm());
        values.put("epoch", event.epoch());
        values.put("elapsedSeconds", event.elapsedSeconds());
        event.metrics().forEach(values::putIfAbsent);
        log.append(taken, MetricsLog.TRAIN, values);
    }

    @Override
    public void onEvaluation(EvaluationEvent event) {
        log.append(event.step(), MetricsLog.EVAL, event.values());
    }
}
