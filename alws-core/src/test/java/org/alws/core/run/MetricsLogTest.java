package org.alws.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.StorageException;
import org.alws.api.event.EvaluationEvent;
import org.alws.api.event.RunStarted;
import org.alws.api.event.StepEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path temp;

    @Test
    void eachAppendIsOneLineWithStepAndKindFirstAndValuesByName() throws IOException {
        MetricsLog log = new MetricsLog(temp.resolve("metrics.jsonl"));
        Map<String, Number> values = new LinkedHashMap<>();
        values.put("zeta", 2);
        values.put("loss", 0.1 + 0.2);

        log.append(1200, MetricsLog.TRAIN, values);
        assertThat(Files.readString(log.file()))
                .isEqualTo("{\"step\":1200,\"kind\":\"train\",\"loss\":0.30000000000000004,\"zeta\":2}\n");

        log.append(1200, MetricsLog.EVAL, Map.of("logLikelihood", -3.5));
        assertThat(Files.readAllLines(log.file())).hasSize(2);
    }

    @Test
    void recordsReadBackExactlyIncludingNonFiniteValues() {
        MetricsLog log = new MetricsLog(temp.resolve("metrics.jsonl"));
        Map<String, Number> values = new LinkedHashMap<>();
        values.put("loss", Double.NaN);
        values.put("gradientNorm", Double.POSITIVE_INFINITY);
        values.put("low", Double.NEGATIVE_INFINITY);
        values.put("tiny", Double.MIN_VALUE);
        values.put("third", 1.0 / 3);
        values.put("epoch", 7L);

        log.append(5, MetricsLog.TRAIN, values);
        log.append(10, MetricsLog.EVAL, Map.of("elbo", -0.0));

        List<MetricsRecord> records = log.read();
        assertThat(records).hasSize(2);
        MetricsRecord first = records.get(0);
        assertThat(first.step()).isEqualTo(5);
        assertThat(first.kind()).isEqualTo("train");
        assertThat(first.value("loss")).isNaN();
        assertThat(first.value("gradientNorm")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(first.value("low")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(first.value("tiny")).isEqualTo(Double.MIN_VALUE);
        assertThat(first.value("third")).isEqualTo(1.0 / 3);
        assertThat(first.value("epoch")).isEqualTo(7.0);
        assertThat(first.values().keySet()).containsExactly("epoch", "gradientNorm", "loss", "low", "third", "tiny");
        assertThat(Double.doubleToRawLongBits(records.get(1).value("elbo")))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(first.value("absent")).isNaN();
    }

    @Test
    void aMissingFileHasNoRecords() {
        assertThat(new MetricsLog(temp.resolve("none.jsonl")).read()).isEmpty();
    }

    @Test
    void reservedNamesAndBlankKindsAreRejected() {
        MetricsLog log = new MetricsLog(temp.resolve("m.jsonl"));

        assertThatThrownBy(() -> log.append(1, "train", Map.of("step", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("metric name 'step' is reserved");
        assertThatThrownBy(() -> log.append(1, " ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metrics kind must be a non-blank word, got ' '");
    }

    @Test
    void aLineTornByACrashIsIgnoredAndSealedBeforeTheNextAppend() throws IOException {
        Path file = temp.resolve("metrics.jsonl");
        new MetricsLog(file).append(1, "train", Map.of("loss", 1.0));
        Files.writeString(file, "{\"step\":2,\"kind\":\"tr", StandardOpenOption.APPEND);

        MetricsLog reopened = new MetricsLog(file);
        assertThat(reopened.read()).extracting(MetricsRecord::step).containsExactly(1L);

        reopened.append(3, "train", Map.of("loss", 3.0));
        assertThat(reopened.read()).extracting(MetricsRecord::step).containsExactly(1L, 3L);
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void aMalformedLineInTheMiddleIsAnErrorNamingFileAndLine() throws IOException {
        Path file = temp.resolve("metrics.jsonl");
        Files.writeString(file, "{\"step\":1,\"kind\":\"train\"}\nnot json\n{\"step\":2,\"kind\":\"train\"}\n");

        assertThatThrownBy(() -> new MetricsLog(file).read())
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith(file.toAbsolutePath() + " line 2 is not valid JSON: ");

        Files.writeString(file, "{\"step\":1,\"kind\":\"train\",\"note\":\"hello\"}\n");
        assertThatThrownBy(() -> new MetricsLog(file).read())
                .hasMessage(file.toAbsolutePath() + " line 1: 'note' is \"hello\"; expected a number");

        Files.writeString(file, "{\"kind\":\"train\"}\n");
        assertThatThrownBy(() -> new MetricsLog(file).read())
                .hasMessage(file.toAbsolutePath() + " line 1 has no integer 'step'");
    }

    @Test
    void rewindDropsTheRecordsOfLaterSteps() {
        MetricsLog log = new MetricsLog(temp.resolve("metrics.jsonl"));
        for (long step = 10; step <= 50; step += 10) {
            log.append(step, "train", Map.of("loss", (double) step));
        }
        log.append(30, "eval", Map.of("ll", -1.0));

        log.rewindTo(30);

        assertThat(log.read()).extracting(r -> r.kind() + r.step())
                .containsExactly("train10", "train20", "train30", "eval30");
    }

    @Test
    void theListenerLogsTheFirstEveryNthAndTheLastStepAndEveryEvaluation() {
        MetricsLog log = new MetricsLog(temp.resolve("metrics.jsonl"));
        MetricsJsonlListener listener = new MetricsJsonlListener(log, 10);

        listener.onStart(new RunStarted("r", 0, 25));
        for (long step = 0; step < 25; step++) {
            listener.onStep(new StepEvent(step, 25, step / 8, 100.0 - step, 0.5, Map.of("kl", 0.25, "loss", 9.0),
                    step * 0.1));
            if (step == 19) {
                listener.onEvaluation(new EvaluationEvent(20, Map.of("logLikelihood", -2.0)));
            }
        }

        List<MetricsRecord> records = log.read();
        assertThat(records).extracting(r -> r.kind() + r.step())
                .containsExactly("train1", "train10", "train20", "eval20", "train25");
        MetricsRecord tenth = records.get(1);
        assertThat(tenth.values()).containsExactly(Map.entry("elapsedSeconds", 0.9), Map.entry("epoch", 1.0),
                Map.entry("gradientNorm", 0.5), Map.entry("kl", 0.25), Map.entry("loss", 91.0));
        assertThat(records.get(3).values()).containsExactly(Map.entry("logLikelihood", -2.0));
    }

    @Test
    void theListenerRewindsTheLogWhenARunResumes() {
        RunDirectory run = RunDirectory.create(temp, "r");
        MetricsJsonlListener listener = new MetricsJsonlListener(run, 1);
        for (long step = 0; step < 5; step++) {
            listener.onStep(new StepEvent(step, 10, 0, step, 0, Map.of(), 0));
        }

        // The run crashed after 5 steps; its last checkpoint holds 3.
        MetricsJsonlListener resumed = new MetricsJsonlListener(RunDirectory.open(run.path()), 1);
        resumed.onStart(new RunStarted("r", 3, 10));
        resumed.onStep(new StepEvent(3, 10, 0, 30, 0, Map.of(), 0));

        assertThat(run.readMetrics()).extracting(MetricsRecord::step).containsExactly(1L, 2L, 3L, 4L);
        assertThat(run.readMetrics().get(3).value("loss")).isEqualTo(30.0);
        assertThatThrownBy(() -> new MetricsJsonlListener(run, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("logEvery is 0; expected >= 1");
    }
}
