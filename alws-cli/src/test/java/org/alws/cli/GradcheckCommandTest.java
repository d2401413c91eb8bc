package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.alws.api.learn.LearnerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradcheckCommandTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void tinyGridWritesTableCsvAndPlot(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("out/grad.csv");
        Cli.Result r = Cli.run("gradcheck", "--n", "100", "--sigma", "1.0", "--points", "20", "--csv",
                csv.toString());
        assertThat(r.exitCode()).as(r.both()).isZero();

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("learner,regressor,b1,b2,sigma_x,n,rel_error,cosine,seconds,size");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("alws,krr,1.0,0.5,1.0,100,");
        assertThat(lines.get(2)).startsWith("alws,krr,2.0,-1.0,1.0,100,");
        assertThat(lines.get(3)).startsWith("alws,krr,0.3,0.3,1.0,100,");
        for (String line : lines.subList(1, 4)) {
            String[] f = line.split(",");
            double relError = Double.parseDouble(f[6]);
            double cosine = Double.parseDouble(f[7]);
            assertThat(relError).isBetween(0.0, 1.5);
            assertThat(cosine).isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(f[8])).isPositive();
            assertThat(line).as("exact KRR has no basis size").endsWith(",");
        }
        Path png = dir.resolve("out/grad.png");
        assertThat(Files.readAllBytes(png)).startsWith(PNG_MAGIC);
        try (var entries = Files.list(csv.getParent())) {
            assertThat(entries).containsExactlyInAnyOrder(csv, png);
        }

        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).matches("learner +regressor +b1 +b2 +sigma_x +N +rel_error +cosine +seconds +size");
        assertThat(out.get(1)).matches("alws +krr +1 +0\\.5 +1 +100 +[0-9.]+ +[0-9.]+ +[0-9.]+");
        assertThat(out.get(2)).matches("alws +krr +2 +-1 +1 +100 .*");
        assertThat(out.get(3)).matches("alws +krr +0\\.3 +0\\.3 +1 +100 .*");
        assertThat(out.get(4)).isEqualTo("CSV:  " + csv.toAbsolutePath());
        assertThat(out.get(5)).isEqualTo("Plot: " + png.toAbsolutePath());
        assertThat(r.err().lines().filter(l -> l.startsWith("gradcheck: "))).hasSize(3)
                .last().asString().startsWith("gradcheck: 3/3 settings done (b=(0.3, 0.3), sigma_x=1, ");
    }

    @Test
    void seedsAreAveragedAndThePlotCanBeNamed(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("p.png");
        Cli.Result r = Cli.run("gradcheck", "--n", "50,100", "--sigma", "0.5", "--points", "10", "--seeds", "2",
                "--dtype", "float32", "--set", "regressor.ridge=0.01", "--plot", png.toString());
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("alws "))).hasSize(6);
        assertThat(Files.readAllBytes(png)).startsWith(PNG_MAGIC);
    }

    @Test
    void aBudgetCanBelongToOneRegressor(@TempDir Path dir) {
        Cli.Result r = Cli.run("gradcheck", "--regressor", "krr,rff", "--n", "60,krr:80,rff:120", "--sigma", "0.5",
                "--points", "10", "--set", "rff.features=50", "--plot", dir.resolve("p.png").toString());
        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.startsWith("alws ")).toList();
        // Three b settings, each with krr at 60 and 80 and rff at 60 and 120.
        assertThat(rows).hasSize(12);
        assertThat(rows.subList(0, 4)).satisfiesExactly(
                l -> assertThat(l).matches("alws +krr +1 +0\\.5 +0\\.5 +60 .*"),
                l -> assertThat(l).matches("alws +krr +1 +0\\.5 +0\\.5 +80 .*"),
                l -> assertThat(l).matches("alws +rff +1 +0\\.5 +0\\.5 +60 .*"),
                l -> assertThat(l).matches("alws +rff +1 +0\\.5 +0\\.5 +120 .*"));
    }

    @Test
    void anotherModelWithAnExactScoreIsCheckedAtItsInitialParameters(@TempDir Path dir) {
        Cli.Result r = Cli.run("gradcheck", "--model", "gradient-estimation", "--set", "model.initialB=1,0.5",
                "--n", "100", "--points", "10", "--plot", dir.resolve("p.png").toString());
        assertThat(r.exitCode()).as(r.both()).isZero();
        // One setting: the model at its initial parameters and the first held-out points; no grid labels.
        assertThat(r.out().lines().filter(l -> l.startsWith("alws "))).singleElement().asString()
                .matches("alws +krr +100 +[0-9.]+ +[0-9.]+ +[0-9.]+");
        Cli.Result other = Cli.run("gradcheck", "--model", "nope", "--n", "100");
        assertThat(other.exitCode()).isEqualTo(3);
        assertThat(other.err()).startsWith("alws: no model plugin named 'nope'; available: ");
    }

    @Test
    void invalidGridValuesAreUsageErrors() {
        Cli.Result n = Cli.run("gradcheck", "--n", "100,1");
        assertThat(n.exitCode()).isEqualTo(2);
        assertThat(n.err()).isEqualTo("alws: --n: got 1, expected sample budgets >= 2\n");
        Cli.Result word = Cli.run("gradcheck", "--n", "krr:many");
        assertThat(word.exitCode()).isEqualTo(2);
        assertThat(word.err()).isEqualTo(
                "alws: --n: got 'krr:many', expected sample budgets N or NAME:N with an integer N >= 2\n");
        Cli.Result other = Cli.run("gradcheck", "--n", "100,rff:200");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).isEqualTo("alws: --n: got 'rff:200', expected NAME:N with NAME one of the regressors "
                + "run, krr\n");
        Cli.Result sigma = Cli.run("gradcheck", "--sigma", "0");
        assertThat(sigma.exitCode()).isEqualTo(2);
        assertThat(sigma.err()).isEqualTo("alws: --sigma: got 0.0, expected finite noise levels > 0\n");
        Cli.Result kind = Cli.run("gradcheck", "--set", "training.steps=5");
        assertThat(kind.exitCode()).isEqualTo(2);
        assertThat(kind.err()).isEqualTo("alws: --set training.steps=5: unknown kind 'training'; expected one of "
                + "learner, regressor, kernel, model, data, alws, krr\n");
        Cli.Result option = Cli.run("gradcheck", "--set", "regressor.ridge=-1");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).startsWith("alws: regressor krr: ridge: got -1.0, expected ");
    }

    @Test
    void learnerWithoutPerPointScoresIsIncompatible(@TempDir Path dir) throws Exception {
        FakePlugins.jar(dir.resolve("plain.jar"),
                Map.of(LearnerProvider.class, List.of(FakePlugins.PlainLearnerProvider.class.getName())));
        Cli.Result r = Cli.run("--plugins", dir.toString(), "gradcheck", "--learner", "plain", "--csv",
                dir.resolve("x.csv").toString());
        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.err()).isEqualTo("alws: learner plain cannot estimate per-point gradients (it does not "
                + "implement ScoreEstimator); gradcheck needs a learner that does, e.g. alws\n");
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }

    @Test
    void unknownRegressorIsAPluginError() {
        Cli.Result r = Cli.run("gradcheck", "--regressor", "gaussian-process");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo(
                "alws: no regressor plugin named 'gaussian-process'; available: krr, neural, nystrom, rff\n");
    }

    /** One setting (the model at its initial b), few points, tiny budgets and few guide steps: seconds, not minutes. */
    private static final String[] ONE_SETTING = {"--model", "gradient-estimation", "--set", "model.initialB=1,0.5",
        "--points", "4", "--n", "8"};

    private static String[] args(String[] first, String... more) {
        String[] out = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, out, first.length, more.length);
        return out;
    }

    @Test
    void allLearnersAddTheirRowsWithEmptyRegressorCellsForTheBaselines(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("all.csv");
        Cli.Result r = Cli.run(args(new String[] {"gradcheck", "--learner", "all"},
                args(ONE_SETTING, "--set", "learner.guideFitSteps=2", "--csv", csv.toString())));
        assertThat(r.exitCode()).as(r.both()).isZero();

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("learner,regressor,b1,b2,sigma_x,n,rel_error,cosine,seconds,size");
        List<String> learners = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)[0]).toList();
        assertThat(learners).startsWith("alws").doesNotHaveDuplicates()
                .contains("vae", "iwae", "rws", "wake-sleep");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).as(line).hasSize(10);
            assertThat(f[1]).as(line).isEqualTo(f[0].equals("alws") ? "krr" : "");
            assertThat(f[2] + f[3] + f[4]).as("no grid labels with --model").isEmpty();
            assertThat(f[5]).isEqualTo("8");
            assertThat(Double.parseDouble(f[6])).as(line).isFinite().isNotNegative();
            assertThat(Double.parseDouble(f[8])).as(line).isPositive();
            assertThat(f[9]).as(line).isEmpty();
        }
        List<String> out = r.out().lines().toList();
        assertThat(out).anySatisfy(l -> assertThat(l).matches("vae +8 +[0-9.]+ +[0-9.]+ +[0-9.]+"));
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("Equal wall time: "));
        assertThat(out).anySatisfy(l -> assertThat(l).matches(" *[0-9.]+ +\\S.* +[0-9]+/" + learners.size()));
        assertThat(r.err()).contains("gradcheck:   rws done (");
    }

    @Test
    void incompatibleLearnersAreSkippedWithANoteUnderAllAndAnErrorByName(@TempDir Path dir) {
        // A discrete latent: the reparameterised baselines (vae, iwae, ...) cannot handle it, alws and rws can.
        String[] mixture = {"--model", "gaussian-mixture", "--points", "3", "--n", "8", "--set",
            "learner.guideFitSteps=1", "--plot", dir.resolve("p.png").toString()};
        Cli.Result all = Cli.run(args(new String[] {"gradcheck", "--learner", "all"}, mixture));
        assertThat(all.exitCode()).as(all.both()).isZero();
        List<String> out = all.out().lines().toList();
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("alws "))
                .anySatisfy(l -> assertThat(l).startsWith("rws "))
                .noneSatisfy(l -> assertThat(l).startsWith("vae "))
                .anySatisfy(l -> assertThat(l).startsWith("Skipped vae: "));

        Cli.Result named = Cli.run(args(new String[] {"gradcheck", "--learner", "alws,vae"}, mixture));
        assertThat(named.exitCode()).isEqualTo(6);
        assertThat(named.err()).startsWith("alws: learner vae").doesNotContain("\n\n").endsWith("\n");
        assertThat(named.err().lines()).hasSize(1);
    }

    @Test
    void unknownLearnerIsAPluginError() {
        Cli.Result r = Cli.run("gradcheck", "--learner", "alws,nope");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("alws: no learner plugin named 'nope'; available: alws, ");
    }

    @Test
    void aListOfLearnersRunsEachInOrderAndFreshly(@TempDir Path dir) {
        String png = dir.resolve("p.png").toString();
        Cli.Result r = Cli.run(args(new String[] {"gradcheck", "--learner", "alws,rws"},
                args(ONE_SETTING, "--set", "rws.guideFitSteps=3", "--plot", png)));
        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.startsWith("alws ") || l.startsWith("rws ")).toList();
        assertThat(rows).satisfiesExactly(
                l -> assertThat(l).matches("alws +krr +8 .*"),
                l -> assertThat(l).matches("rws +8 .*"));
        // The other order gives the same estimates: every (setting, learner, N, seed) starts from fresh parameters.
        Cli.Result reversed = Cli.run(args(new String[] {"gradcheck", "--learner", "rws,alws"},
                args(ONE_SETTING, "--set", "rws.guideFitSteps=3", "--plot", png)));
        assertThat(reversed.exitCode()).as(reversed.both()).isZero();
        assertThat(errors(reversed.out(), "rws ")).isEqualTo(errors(r.out(), "rws "));
        assertThat(errors(reversed.out(), "alws ")).isEqualTo(errors(r.out(), "alws "));
    }

    /** The N, rel_error and cosine cells of the first table row of a learner. */
    private static String errors(String out, String prefix) {
        String row = out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        String[] f = row.trim().split(" +");
        return String.join(" ", java.util.Arrays.asList(f).subList(f.length - 4, f.length - 1));
    }

    @Test
    void optionsCanBeSetPerLearner(@TempDir Path dir) {
        // rws.X is an option of rws only; a bad value names rws.
        Cli.Result bad = Cli.run(args(new String[] {"gradcheck", "--learner", "alws,rws"},
                args(ONE_SETTING, "--set", "rws.guideFitSteps=-1")));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("alws: learner rws: guideFitSteps: got -1, expected ");
        // learner.X goes to every learner that has X; none has it: an error naming the learners run.
        Cli.Result none = Cli.run(args(new String[] {"gradcheck", "--learner", "alws,rws"},
                args(ONE_SETTING, "--set", "learner.nope=1")));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("alws: --set: got 'learner.nope=1', expected an option of at least one of "
                + "the learners run (alws, rws)\n");
        // NAME.X overrides learner.X for NAME; learner.sleepSamples (alws only) does not trouble rws.
        Cli.Result ok = Cli.run(args(new String[] {"gradcheck", "--learner", "alws,rws"},
                args(ONE_SETTING, "--set", "learner.guideFitSteps=-1", "--set", "rws.guideFitSteps=2", "--set",
                        "learner.sleepSamples=10", "--n", "vae:9")));
        assertThat(ok.exitCode()).isEqualTo(2);
        assertThat(ok.err()).isEqualTo("alws: --n: got 'vae:9', expected NAME:N with NAME one of the regressors or "
                + "learners run, krr, rws\n");
        Cli.Result ran = Cli.run(args(new String[] {"gradcheck", "--learner", "alws,rws"},
                args(ONE_SETTING, "--set", "learner.guideFitSteps=-1", "--set", "rws.guideFitSteps=2", "--set",
                        "learner.sleepSamples=10", "--n", "rws:6", "--plot", dir.resolve("p.png").toString())));
        assertThat(ran.exitCode()).as(ran.both()).isZero();
        assertThat(ran.out().lines().filter(l -> l.startsWith("rws "))).satisfiesExactly(
                l -> assertThat(l).matches("rws +8 .*"), l -> assertThat(l).matches("rws +6 .*"));
    }
}
