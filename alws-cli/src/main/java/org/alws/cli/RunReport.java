package org.alws.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.alws.cli.text.Format;
import org.alws.cli.text.Table;
import org.alws.core.run.RunDirectory;
import org.alws.core.train.RunSummary;

/**
 * Prints the outcome of {@code alws train}, {@code alws run} and {@code alws resume}: where the run is, its figures,
 * whether it stopped on its time budget, and its plots.
 */
final class RunReport {
    private RunReport() {
    }

    /** Prints {@code summary}; {@code verb} says what was done ({@code Trained}, {@code Resumed}). */
    static void print(PrintWriter out, String verb, RunSummary summary) {
        String steps = summary.stoppedEarly() ? summary.stepsDone() + " of " + summary.totalSteps() + " steps"
                : summary.stepsDone() + " steps";
        out.println(verb + " " + summary.directory().getFileName() + ": " + steps + ", "
                + Format.seconds(summary.seconds()));
        Table head = Table.plain(2);
        head.row("run directory", summary.directory().toString());
        head.row("final loss", Format.number(summary.finalLoss()));
        head.row("epochs", Format.number(summary.epochs(), 4) + " (" + summary.stepsPerEpoch() + " steps each)");
        if (summary.stoppedEarly()) {
            head.row("stopped", summary.stopReason() + "; 'alws resume' continues it");
        }
        head.print(out, "  ");
        if (!summary.evaluation().isEmpty()) {
            out.println("Evaluation on held-out data:");
            Table eval = Table.plain(2).align(Table.Align.RIGHT, 1);
            for (Map.Entry<String, Double> e : new TreeMap<>(summary.evaluation()).entrySet()) {
                eval.row(e.getKey(), Format.number(e.getValue()));
            }
            eval.print(out, "  ");
        }
        if (!summary.parameters().isEmpty()) {
            out.println("Parameters:");
            Table params = Table.plain(2).align(Table.Align.RIGHT, 1);
            for (Map.Entry<String, Double> e : new TreeMap<>(summary.parameters()).entrySet()) {
                String name = e.getKey().startsWith("param/") ? e.getKey().substring("param/".length()) : e.getKey();
                params.row(name, Format.number(e.getValue()));
            }
            params.print(out, "  ");
        }
        List<Path> plots = plots(summary.directory().resolve(RunDirectory.PLOTS_DIR));
        if (!plots.isEmpty()) {
            out.println("Plots:");
            for (Path p : plots) {
                out.println("  " + p);
            }
        }
        out.flush();
    }

    private static List<Path> plots(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.png")) {
            entries.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
