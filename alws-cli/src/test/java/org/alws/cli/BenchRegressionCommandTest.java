package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRegressionCommandTest {

    @Test
    void aSmallRunPrintsTheTableAndWritesTheCsvAndThePlot(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("regression.csv");
        Cli.Result r = Cli.run("bench", "regression", "--regressor", "krr", "--n", "200,400", "--dim", "8",
                "--repeats", "1", "--max-exact", "300", "--csv", csv.toString());
        assertThat(r.exitCode()).as(r.both()).isZero();
        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).startsWith("Regression step (fit + weights), D=8, M=100, median of 1 after 2 warm-up "
                + "calls; tensorflow");
        assertThat(out.get(1)).matches("regressor +N +D +dtype +ms +bare ms +bare cholesky ms");
        assertThat(out.get(2)).matches("krr +200 +8 +float32( +[0-9.e-]+){3}");
        assertThat(out.get(3)).matches("krr +200 +8 +float64( +[0-9.e-]+){3}");
        assertThat(out.get(4)).isEqualTo("Note: krr: skipped at N = 400, above the exact limit 300 (an N x N "
                + "factorisation: N^2 memory, N^3 time)");
        assertThat(out.get(5)).isEqualTo("CSV:  " + csv.toAbsolutePath());
        Path png = dir.resolve("regression.png");
        assertThat(out.get(6)).isEqualTo("Plot: " + png.toAbsolutePath());
        assertThat(out).hasSize(7);
        assertThat(r.err()).contains("bench regression: float32 N=200 done");

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("regressor,n,d,m,dtype,step_s,bare_s,bare_cholesky_s");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).matches("krr,200,8,100,float32(,[0-9.E-]+){3}");
        assertThat(lines.get(2)).matches("krr,200,8,100,float64(,[0-9.E-]+){3}");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isPositive();
    }

    @Test
    void theDefaultRegressorsAreRunOrNoted(@TempDir Path dir) {
        Path png = dir.resolve("plot.png");
        Cli.Result r = Cli.run("bench", "regression", "--n", "60", "--dim", "4", "--m", "5", "--repeats", "1",
                "--dtype", "float64", "--set", "nystrom.inducingPoints=50", "--plot", png.toString());
        // --set NAME.X=Y is accepted for a default regressor only if it is installed.
        if (r.exitCode() == 2 && r.err().contains("unknown kind 'nystrom'")) {
            r = Cli.run("bench", "regression", "--n", "60", "--dim", "4", "--m", "5", "--repeats", "1", "--dtype",
                    "float64", "--plot", png.toString());
        }
        assertThat(r.exitCode()).as(r.both()).isZero();
        for (String name : BenchRegressionCommand.DEFAULT_REGRESSORS) {
            boolean timed = r.out().lines().anyMatch(l -> l.matches(name + " +60 +4 +float64 .*"));
            boolean noted = r.out().lines().anyMatch(l -> l.startsWith("Note: " + name + ": not installed")
                    || l.startsWith("Note: skipped " + name + " at N = 60"));
            assertThat(timed || noted).as(name + " in\n" + r.both()).isTrue();
        }
        assertThat(r.out()).containsPattern("krr +60 +4 +float64( +[0-9.e-]+){3}");
        assertThat(png).exists();
    }

    @Test
    void defaultsAreInTheHelp() {
        Cli.Result r = Cli.run("bench", "regression", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("(default: 1000,2000,5000,10000,20000)")
                .contains("(default: 10000)").contains("(default: 784)").contains("(default: 100)")
                .contains("(default: 3)").contains("(default: float32,float64)")
                .contains("(default: krr, plus rff and nystrom where installed)");
    }

    @Test
    void badInputIsAUsageError() {
        Cli.Result r = Cli.run("bench", "regression", "--n", "1000,1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --n: got 1, expected sleep sample counts >= 2\n");
        r = Cli.run("bench", "regression", "--n", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        r = Cli.run("bench", "regression", "--repeats", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --repeats: got 0, expected an integer >= 1\n");
        r = Cli.run("bench", "regression", "--dtype", "int32");
        assertThat(r.exitCode()).isEqualTo(2);
        r = Cli.run("bench", "regression", "--regressor", "krr", "--set", "regressor.noSuchOption=1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option 'noSuchOption'");
    }

    @Test
    void anUnknownRegressorIsAPluginError() {
        Cli.Result r = Cli.run("bench", "regression", "--regressor", "krr,no-such-regressor", "--n", "100");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("alws: no regressor plugin named 'no-such-regressor'; available: ")
                .contains("krr");
    }
}
