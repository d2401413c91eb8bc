package org.alws.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alws.cli.text.Format;
import org.alws.cli.text.Table;
import org.alws.core.plot.ImageGrid;
import org.alws.core.plot.Plots;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.run.AtomicFiles;
import org.alws.core.run.MetricsRecord;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.MetricCurves;
import org.alws.core.train.SampleGrid;
import org.alws.core.train.TrainedRuns;
import org.alws.core.train.TrainingRun;

/**
 * The report of {@code alws compare}, written into its directory beside the learners' run directories:
 * {@code report.md} (the final figures of every learner, the metrics' reference figures, the pictures), one
 * {@code METRIC.png} per headline metric with one line per learner against epochs, and {@code samples.png}, one row
 * per learner of its final mean images at the same latent draws.
 */
final class CompareReport {
    /** Images per learner in samples.png. */
    static final int SAMPLES_PER_LEARNER = 16;
    /** The reference figures the image metrics report beside their headline figure, in the order shown. */
    private static final List<String> REFERENCE_SUFFIXES = List.of("_floor", "_noise");
    private static final String CLASSIFIER_ACCURACY = "classifier_accuracy";
    /** Headline metrics for which lower is better, whose best learner the report names. */
    private static final java.util.Set<String> LOWER_IS_BETTER = java.util.Set.of("fid", "kid");

    private CompareReport() {
    }

    /**
     * What was compared.
     *
     * @param preset the preset's name
     * @param paper whether its paper variant was used
     * @param seed the root seed of every run
     * @param budgetMinutes the total budget
     * @param shareSeconds each learner's training-loop budget
     * @param seconds the wall time of all the training
     * @param metrics the headline metrics, in the configured order
     * @param schedule when the metrics were evaluated, in words
     */
    record Header(String preset, boolean paper, long seed, double budgetMinutes, double shareSeconds, double seconds,
            List<String> metrics, String schedule) {
        /** Copies the list. */
        Header {
            metrics = List.copyOf(metrics);
        }
    }

    /** Writes the pictures and report.md into {@code dir}; returns the path of report.md. */
    static Path write(PluginRegistry registry, Path dir, Header header, List<CompareCommand.Outcome> outcomes,
            List<String> notes) {
        long perEpoch = outcomes.stream().filter(CompareCommand.Outcome::trained)
                .mapToLong(o -> o.summary().stepsPerEpoch()).findFirst().orElse(0);
        List<String> pictures = new ArrayList<>();
        if (perEpoch > 0) {
            for (String metric : presentMetrics(header, outcomes)) {
                Map<String, double[][]> lines = new LinkedHashMap<>();
                for (CompareCommand.Outcome o : outcomes) {
                    double[][] curve = MetricCurves.read(records(o), perEpoch).get(metric);
                    if (curve != null) {
                        lines.put(o.learner(), curve);
                    }
                }
                if (!lines.isEmpty()) {
                    String file = metric + ".png";
                    Plots.line(dir.resolve(file), metric + " against epochs (" + header.preset() + ")", "epoch",
                            metric, lines, false, false);
                    pictures.add(file);
                }
            }
        }
        String samplesNote = samples(registry, dir.resolve("samples.png"), outcomes);
        if (samplesNote.isEmpty()) {
            pictures.add("samples.png");
        }
        Path markdown = dir.resolve("report.md");
        AtomicFiles.write(markdown, markdown(header, outcomes, notes, pictures, samplesNote)
                .getBytes(StandardCharsets.UTF_8));
        return markdown.toAbsolutePath().normalize();
    }

    /** The table and the reference figures as text, for standard output. */
    static void printSummary(PrintWriter out, Header header, List<CompareCommand.Outcome> outcomes,
            List<String> notes) {
        List<List<String>> rows = rows(header, outcomes);
        Table table = Table.withHeader(rows.get(0).toArray(String[]::new));
        rows.subList(1, rows.size()).forEach(r -> table.row(r.toArray(String[]::new)));
        table.print(out, "");
        for (String line : references(header, outcomes)) {
            out.println(line);
        }
        notes.forEach(out::println);
    }

    private static List<MetricsRecord> records(CompareCommand.Outcome o) {
        try {
            return RunDirectory.open(o.directory()).readMetrics();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Header and one row per learner: the final headline figures, steps, epochs, wall time and how it stopped. */
    private static List<List<String>> rows(Header header, List<CompareCommand.Outcome> outcomes) {
        List<String> metrics = presentMetrics(header, outcomes);
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("learner"));
        head.addAll(metrics);
        head.addAll(List.of("steps", "epochs", "wall time", "stopped"));
        rows.add(head);
        for (CompareCommand.Outcome o : outcomes) {
            List<String> row = new ArrayList<>(List.of(o.learner()));
            Map<String, Double> eval = finalEvaluation(o);
            for (String m : metrics) {
                Double v = eval.get(m);
                Double se = eval.get(m + "_stderr");
                row.add(v == null ? "-" : Format.number(v, 4) + (se == null ? "" : " ± " + Format.number(se, 2)));
            }
            if (o.trained()) {
                row.add(Long.toString(o.summary().stepsDone()));
                row.add(Format.number(o.summary().epochs(), 3));
                row.add(Format.seconds(o.summary().seconds()));
                row.add(o.summary().stoppedEarly() ? "time budget" : "all epochs");
            } else {
                List<MetricsRecord> records = records(o);
                row.add(records.isEmpty() ? "-" : Long.toString(records.get(records.size() - 1).step()));
                row.addAll(List.of("-", "-", "failed"));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The headline figures that some learner reported: each configured metric reported under its own name (fid, kid),
     * and for a metric that reports under other names (np-predictive: np.predictive, ...) all of those in
     * alphabetical order, less standard errors and reference figures.
     */
    private static List<String> presentMetrics(Header header, List<CompareCommand.Outcome> outcomes) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        boolean othersNamed = false;
        for (String m : header.metrics()) {
            if (outcomes.stream().anyMatch(o -> finalEvaluation(o).containsKey(m))) {
                out.add(m);
            } else {
                othersNamed = true;
            }
        }
        if (othersNamed) {
            java.util.SortedSet<String> others = new java.util.TreeSet<>();
            for (CompareCommand.Outcome o : outcomes) {
                for (String key : finalEvaluation(o).keySet()) {
                    if (!key.equals(CLASSIFIER_ACCURACY) && !key.endsWith("_stderr")
                            && REFERENCE_SUFFIXES.stream().noneMatch(key::endsWith)) {
                        others.add(key);
                    }
                }
            }
            out.addAll(others);
        }
        return List.copyOf(out);
    }

    /** The last evaluation of a learner: from its summary, or for a failed run from its metrics.jsonl. */
    private static Map<String, Double> finalEvaluation(CompareCommand.Outcome o) {
        if (o.trained()) {
            return o.summary().evaluation();
        }
        Map<String, Double> last = Map.of();
        for (MetricsRecord r : records(o)) {
            if (r.kind().equals(org.alws.core.run.MetricsLog.EVAL)) {
                last = r.values();
            }
        }
        return last;
    }

    /** Lines giving the classifier's accuracy and each metric's floor and noise ceiling, where reported. */
    private static List<String> references(Header header, List<CompareCommand.Outcome> outcomes) {
        Map<String, Double> eval = outcomes.stream().map(CompareReport::finalEvaluation).filter(m -> !m.isEmpty())
                .findFirst().orElse(Map.of());
        List<String> lines = new ArrayList<>();
        if (eval.containsKey(CLASSIFIER_ACCURACY)) {
            lines.add("Feature classifier's test accuracy: " + Format.number(eval.get(CLASSIFIER_ACCURACY), 4));
        }
        for (String m : header.metrics()) {
            List<String> parts = new ArrayList<>();
            for (String suffix : REFERENCE_SUFFIXES) {
                Double v = eval.get(m + suffix);
                if (v != null) {
                    parts.add((suffix.equals("_floor") ? "floor (training images) " : "noise ceiling ")
                            + Format.number(v, 4));
                }
            }
            if (!parts.isEmpty()) {
                lines.add(m + ": " + String.join(", ", parts));
            }
        }
        return lines;
    }

    /**
     * Writes samples.png: one row per trained learner of its first mean images at the shared latent draws. Returns
     * an empty string, or why there is no picture.
     */
    private static String samples(PluginRegistry registry, Path png, List<CompareCommand.Outcome> outcomes) {
        List<ImageGrid.Row> rows = new ArrayList<>();
        SampleGrid.Images first = null;
        for (CompareCommand.Outcome o : outcomes) {
            if (!o.trained()) {
                continue;
            }
            try (TrainingRun run = TrainedRuns.open(registry, o.directory())) {
                if (!SampleGrid.drawsImages(run)) {
                    return "the model does not observe images, so there is no samples.png";
                }
                SampleGrid.Images images = run.withEvaluatedParameters(() -> SampleGrid.draw(run,
                        SAMPLES_PER_LEARNER, SampleGrid.range(run.data().test())));
                first = first == null ? images : first;
                rows.add(new ImageGrid.Row(o.learner(), images.images()));
            }
        }
        if (first == null) {
            return "no learner finished, so there is no samples.png";
        }
        ImageGrid.write(png, rows, first.height(), first.width(), first.low(), first.high(), first.zoom());
        return "";
    }

    private static String markdown(Header header, List<CompareCommand.Outcome> outcomes, List<String> notes,
            List<String> pictures, String samplesNote) {
        StringBuilder md = new StringBuilder();
        md.append("# alws compare ").append(header.preset()).append(header.paper() ? " --paper" : "").append("\n\n");
        md.append(String.format(Locale.ROOT, "Every learner trained the model of preset `%s`%s on its data, with "
                + "seed %d and evaluations %s, for at most %s of training time (the training loop's wall time "
                + "less its evaluations; a total budget of %s shared by %d learners). Training and evaluating "
                + "took %s in all.%n%n",
                header.preset(), header.paper() ? " (paper variant)" : "", header.seed(), header.schedule(),
                Format.seconds(header.shareSeconds()), Format.seconds(header.budgetMinutes() * 60),
                outcomes.size(), Format.seconds(header.seconds())));
        List<List<String>> rows = rows(header, outcomes);
        md.append("| ").append(String.join(" | ", rows.get(0))).append(" |\n");
        md.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
        for (List<String> row : rows.subList(1, rows.size())) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
        for (String m : presentMetrics(header, outcomes)) {
            String best = LOWER_IS_BETTER.contains(m) ? best(m, outcomes) : "";
            if (!best.isEmpty()) {
                md.append("Lowest final ").append(m).append(": ").append(best).append(".  \n");
            }
        }
        List<String> references = references(header, outcomes);
        if (!references.isEmpty()) {
            md.append("\nReference figures of the metrics (the same for every learner):\n\n");
            references.forEach(r -> md.append("- ").append(r).append('\n'));
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        md.append('\n');
        for (String p : pictures) {
            md.append("![").append(p, 0, p.length() - 4).append("](").append(p).append(")\n\n");
        }
        if (!samplesNote.isEmpty()) {
            md.append(samplesNote).append(".\n\n");
        }
        md.append("Run directories: ");
        md.append(String.join(", ", outcomes.stream().map(o -> "[" + o.learner() + "](" + o.learner() + "/)")
                .toList()));
        md.append(".\n");
        return md.toString();
    }

    /** The learner with the lowest final value of {@code metric} (lower is better for FID and KID). */
    private static String best(String metric, List<CompareCommand.Outcome> outcomes) {
        String best = "";
        double lowest = Double.POSITIVE_INFINITY;
        for (CompareCommand.Outcome o : outcomes) {
            Double v = finalEvaluation(o).get(metric);
            if (v != null && v < lowest) {
                lowest = v;
                best = o.learner();
            }
        }
        return best;
    }
}
