package org.alws.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.alws.api.event.EvaluationEvent;
import org.alws.api.event.RunFinished;
import org.alws.api.event.RunStarted;
import org.alws.api.event.StepEvent;
import org.junit.jupiter.api.Test;

class PlainProgressTest {

    @Test
    void printsAboutTwentyLinesPlusTheLastAndEvaluations() {
        StringWriter sw = new StringWriter();
        PlainProgress p = new PlainProgress(new PrintWriter(sw));
        p.onStart(new RunStarted("r", 0, 1000));
        for (int step = 0; step < 1000; step++) {
            p.onStep(new StepEvent(step, 1000, 0, 10 - step * 0.001, 1, Map.of(), (step + 1) * 0.01));
        }
        p.onEvaluation(new EvaluationEvent(1000, Map.of("loglik", -1.25)));
        p.onFinish(new RunFinished(1000, true, "", 10));
        String[] lines = sw.toString().split("\n");
        assertThat(lines[0]).isEqualTo("training run r at step 0 of 1000");
        assertThat(lines).filteredOn(l -> l.startsWith("step ")).hasSize(20);
        assertThat(lines[1]).isEqualTo("step 50/1000  loss 9.951  (-0.3% over last 25)  0.50 s elapsed, ETA 9.5 s");
        assertThat(lines[20]).startsWith("step 1000/1000  loss 9.001  (-1.1% over last 100)  10.0 s elapsed");
        assertThat(lines[20]).doesNotContain("ETA");
        assertThat(lines[21]).isEqualTo("evaluation at step 1000:  loglik -1.25");
        assertThat(lines).hasSize(22);
    }

    @Test
    void resumedRunsCountFromTheirFirstStepAndAlwaysShowTheLast() {
        StringWriter sw = new StringWriter();
        PlainProgress p = new PlainProgress(new PrintWriter(sw));
        p.onStart(new RunStarted("r", 30, 37));
        for (int step = 30; step < 37; step++) {
            p.onStep(new StepEvent(step, 37, 0, 1, 1, Map.of(), step - 29));
        }
        p.onFinish(new RunFinished(37, true, "", 7));
        String[] lines = sw.toString().split("\n");
        assertThat(lines[0]).isEqualTo("resuming run r at step 30 of 37");
        assertThat(lines).filteredOn(l -> l.startsWith("step ")).hasSize(7);
        assertThat(lines[lines.length - 1]).startsWith("step 37/37  loss 1  (+0.0% over last 3)  7.0 s elapsed");
    }

    @Test
    void saysWhenARunStopsEarly() {
        StringWriter sw = new StringWriter();
        PlainProgress p = new PlainProgress(new PrintWriter(sw));
        p.onStart(new RunStarted("r", 0, 100));
        p.onFinish(new RunFinished(12, false, "boom", 1.5));
        assertThat(sw.toString()).endsWith("stopped after 12 of 100 steps (1.5 s)\n");
    }
}
